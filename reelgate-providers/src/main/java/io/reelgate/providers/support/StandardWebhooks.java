package io.reelgate.providers.support;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.WebhookRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * Verification of Standard Webhooks signatures (the symmetric {@code v1} scheme): HMAC-SHA256 over
 * {@code webhook-id.webhook-timestamp.body} with the key inside a {@code whsec_} secret, several
 * space-separated signatures allowed, timestamps within five minutes of now.
 *
 * <p>why: the reference Java library reads the system clock; adapters must use the runtime's clock,
 * so the few lines of the scheme live here.
 */
public final class StandardWebhooks {
  /** How far a webhook's timestamp may be from now, either way. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final String SECRET_PREFIX = "whsec_";

  private final byte[] key;

  /**
   * @param secret the signing secret, {@code whsec_<base64>} (the prefix may be left out)
   * @throws IllegalArgumentException when the secret is not base64
   */
  public StandardWebhooks(String secret) {
    String s = secret.trim();
    if (s.startsWith(SECRET_PREFIX)) {
      s = s.substring(SECRET_PREFIX.length());
    }
    try {
      this.key = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("webhook secret is not whsec_ followed by base64", e);
    }
    if (key.length == 0) {
      throw new IllegalArgumentException("webhook secret is empty");
    }
  }

  /**
   * Checks the headers and signature of a pushed request.
   *
   * @param now the current time, from the runtime's clock
   * @throws InvalidWebhookException when a header is missing, the timestamp is too far from now or
   *     no signature matches
   */
  public void verify(WebhookRequest request, Instant now) {
    String id = request.header("webhook-id").orElseThrow(() -> missing("webhook-id"));
    String timestamp =
        request.header("webhook-timestamp").orElseThrow(() -> missing("webhook-timestamp"));
    String signatures =
        request.header("webhook-signature").orElseThrow(() -> missing("webhook-signature"));
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new InvalidWebhookException("webhook-timestamp is not a number of seconds");
    }
    Duration skew = Duration.between(Instant.ofEpochSecond(seconds), now).abs();
    if (skew.compareTo(TOLERANCE) > 0) {
      throw new InvalidWebhookException("webhook-timestamp is more than 5 minutes from now");
    }
    byte[] expected = mac(id, seconds, request.body());
    for (String candidate : signatures.trim().split(" +")) {
      int comma = candidate.indexOf(',');
      if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(candidate.substring(comma + 1));
      } catch (IllegalArgumentException notBase64) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return;
      }
    }
    throw new InvalidWebhookException("no webhook-signature matches");
  }

  /** The {@code v1,<base64>} signature of a message, as a sender computes it. */
  public String sign(String id, long timestampSeconds, byte[] body) {
    return "v1," + Base64.getEncoder().encodeToString(mac(id, timestampSeconds, body));
  }

  private byte[] mac(String id, long timestampSeconds, byte[] body) {
    ByteArrayOutputStream signed = new ByteArrayOutputStream(body.length + 64);
    signed.writeBytes((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
    signed.writeBytes(body);
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return hmac.doFinal(signed.toByteArray());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static InvalidWebhookException missing(String header) {
    return new InvalidWebhookException("header " + header + " is missing");
  }

  /** The verifier of a channel's pushed updates, or null when it has no webhook secret. */
  public static StandardWebhooks forChannel(ChannelSettings settings) {
    String secret = settings.webhookSecret();
    return secret == null || secret.isBlank() ? null : new StandardWebhooks(secret);
  }

  /**
   * Verifies a pushed request with {@code webhooks} and reads its body as JSON.
   *
   * @throws InvalidWebhookException when the channel has no verifier, or verification or reading
   *     fails
   */
  public static JsonNode verifiedBody(
      StandardWebhooks webhooks, ChannelSettings settings, WebhookRequest request, Instant now) {
    if (webhooks == null) {
      throw new InvalidWebhookException(
          "channel " + settings.id() + " has no webhook-secret to verify pushed updates with");
    }
    webhooks.verify(request, now);
    return Json.webhookBody(request);
  }
}
