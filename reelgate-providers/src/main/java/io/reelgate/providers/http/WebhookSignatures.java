package io.reelgate.providers.http;

import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verification of Standard Webhooks signatures (symmetric {@code v1} scheme): HMAC-SHA256 over
 * {@code webhook-id.webhook-timestamp.raw body}, keyed with the base64 part of a {@code whsec_}
 * secret, the timestamp within five minutes of the clock. The header may carry several
 * space-separated signatures (key rotation); any matching {@code v1} entry is accepted.
 */
public final class WebhookSignatures {
  /** How far a signed timestamp may be from the clock, either way. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final String PREFIX = "whsec_";

  private final byte[] key;
  private final Clock clock;

  /**
   * @param secret {@code whsec_<base64>} (the prefix is optional)
   * @throws IllegalArgumentException when the secret is not base64
   */
  public WebhookSignatures(String secret, Clock clock) {
    this.key = keyOf(secret);
    this.clock = clock;
  }

  /** The HMAC key inside a secret. */
  public static byte[] keyOf(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("a webhook secret is required");
    }
    String s = secret.trim();
    if (s.startsWith(PREFIX)) {
      s = s.substring(PREFIX.length());
    }
    try {
      byte[] key = Base64.getDecoder().decode(s);
      if (key.length == 0) {
        throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64", e);
    }
  }

  /**
   * Checks the signature headers of a pushed request.
   *
   * @throws InvalidWebhookException when a header is missing, the timestamp is stale or no
   *     signature matches
   */
  public void verify(WebhookRequest request) {
    String id = request.header("webhook-id").orElse(null);
    String timestamp = request.header("webhook-timestamp").orElse(null);
    String signatures = request.header("webhook-signature").orElse(null);
    if (id == null || timestamp == null || signatures == null) {
      throw new InvalidWebhookException(
          "missing webhook-id, webhook-timestamp or webhook-signature header");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new InvalidWebhookException("webhook-timestamp is not a number of seconds");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - seconds) > TOLERANCE.toSeconds()) {
      throw new InvalidWebhookException("webhook-timestamp is more than 5 minutes off");
    }
    byte[] expected = sign(id, seconds, request.body());
    for (String entry : signatures.trim().split("\\s+")) {
      int comma = entry.indexOf(',');
      if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(entry.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return;
      }
    }
    throw new InvalidWebhookException("no webhook-signature matches");
  }

  /** The {@code v1,<base64>} signature of a message (what a sender puts in the header). */
  public String signature(String id, long timestampSeconds, byte[] body) {
    return "v1," + Base64.getEncoder().encodeToString(sign(id, timestampSeconds, body));
  }

  private byte[] sign(String id, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
