package io.reelgate.providers.kling;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The API token Kling wants in {@code Authorization: Bearer}: a JWT signed with HS256 by the secret
 * key, issued by the access key, valid from five seconds ago for thirty minutes.
 */
final class KlingJwt {
  static final long LIFETIME_SECONDS = 1800;
  static final long LEEWAY_SECONDS = 5;

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER =
      URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private KlingJwt() {}

  static String token(String accessKey, String secretKey, Instant now) {
    long t = now.getEpochSecond();
    String payload =
        "{\"iss\":\""
            + accessKey.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\",\"exp\":"
            + (t + LIFETIME_SECONDS)
            + ",\"nbf\":"
            + (t - LEEWAY_SECONDS)
            + "}";
    String signingInput =
        HEADER + "." + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signingInput
          + "."
          + URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
