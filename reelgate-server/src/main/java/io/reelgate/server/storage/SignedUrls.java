package io.reelgate.server.storage;

import io.reelgate.server.Ids;
import io.reelgate.server.bootstrap.PublicUrls;
import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.storage.internal.SharedSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Download URLs for stored results: {@code /files/<key>?expires=<unix s>&sig=<HMAC-SHA256>}. A
 * result lives for the URL lifetime from the moment its task finished, and every URL of it expires
 * at the end of that life, whenever it was handed out (so a status body is the same on every read
 * and node). The key is the operator's ({@code REELGATE_URL_SIGNING_KEY}) or one generated once and
 * kept in the database, so every node that shares the database signs and checks alike; a key kept
 * in the data directory by an earlier version is taken over into the database, so its URLs stay
 * valid.
 */
@Component
public class SignedUrls {
  static final String SETTING = "url-signing-key";

  /** What a presented URL is. */
  public enum Check {
    /** Genuine and within its lifetime. */
    VALID,
    /** Genuine, but its result's lifetime is over. */
    EXPIRED,
    /** Not signed by this gateway (or altered). */
    INVALID
  }

  private final byte[] secret;
  private final Duration ttl;
  private final Clock clock;
  private final PublicUrls publicUrls;

  public SignedUrls(
      ReelgateSettings settings, SharedSettings shared, Clock clock, PublicUrls publicUrls) {
    this.secret = loadSecret(settings, shared);
    this.ttl = settings.storage().urlTtl();
    this.clock = clock;
    this.publicUrls = publicUrls;
  }

  /** When the result of a task that finished at {@code completedAtMillis} expires. */
  public Instant expiresAt(long completedAtMillis) {
    return Instant.ofEpochMilli(completedAtMillis).plus(ttl);
  }

  /** The absolute URL of a stored key of a task that finished at {@code completedAtMillis}. */
  public String urlFor(String key, long completedAtMillis) {
    long expires = expiresAt(completedAtMillis).getEpochSecond();
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
    return check(key, expires, signature) == Check.VALID;
  }

  /** Whether a signature is genuine, and if so whether its lifetime is over. */
  public Check check(String key, long expires, String signature) {
    if (signature == null
        || !MessageDigest.isEqual(
            sign(key, expires).getBytes(StandardCharsets.US_ASCII),
            signature.getBytes(StandardCharsets.US_ASCII))) {
      return Check.INVALID;
    }
    return expires <= clock.instant().getEpochSecond() ? Check.EXPIRED : Check.VALID;
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

  private static byte[] loadSecret(ReelgateSettings settings, SharedSettings shared) {
    String configured = settings.storage().signingKey();
    if (configured != null && !configured.isBlank()) {
      return configured.getBytes(StandardCharsets.UTF_8);
    }
    Path earlier = settings.dataDir().resolve("url-signing.key");
    String key =
        shared.getOrCreate(
            SETTING,
            () -> {
              try {
                return Files.exists(earlier) ? Files.readString(earlier).trim() : Ids.secret(48);
              } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + earlier, e);
              }
            });
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
