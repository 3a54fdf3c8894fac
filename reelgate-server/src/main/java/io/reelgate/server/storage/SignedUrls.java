package io.reelgate.server.storage;

import io.reelgate.server.Ids;
import io.reelgate.server.bootstrap.PublicUrls;
import io.reelgate.server.config.ReelgateSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Download URLs for stored results: {@code /files/<key>?expires=<unix s>&sig=<HMAC-SHA256>}. The
 * key is the operator's ({@code REELGATE_URL_SIGNING_KEY}) or one generated on first start and kept
 * in the data directory, so URLs survive restarts.
 */
@Component
public class SignedUrls {
  private final byte[] secret;
  private final Duration ttl;
  private final Clock clock;
  private final PublicUrls publicUrls;

  public SignedUrls(ReelgateSettings settings, Clock clock, PublicUrls publicUrls) {
    this.secret = loadSecret(settings);
    this.ttl = settings.storage().urlTtl();
    this.clock = clock;
    this.publicUrls = publicUrls;
  }

  /** An absolute URL of a stored key, valid for the configured time from now. */
  public String urlFor(String key) {
    long expires = clock.instant().plus(ttl).getEpochSecond();
    return publicUrls.base()
        + "/files/"
        + key
        + "?expires="
        + expires
        + "&sig="
        + sign(key, expires);
  }

  /** Whether a signature is genuine and not expired. */
  public boolean verify(String key, long expires, String signature) {
    if (signature == null || expires < clock.instant().getEpochSecond()) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(key, expires).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private String sign(String key, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] digest = mac.doFinal((key + "\n" + expires).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static byte[] loadSecret(ReelgateSettings settings) {
    String configured = settings.storage().signingKey();
    if (configured != null && !configured.isBlank()) {
      return configured.getBytes(StandardCharsets.UTF_8);
    }
    Path file = settings.dataDir().resolve("url-signing.key");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "url-signing", ".tmp");
        try {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // why: on file systems without POSIX permissions the data directory's own ACLs apply
        }
        Files.writeString(temp, Ids.secret(48));
        Files.move(temp, file);
      }
      return Files.readString(file).trim().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }
}
