package io.reelgate.client;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies webhooks signed the <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>
 * way, as Reelgate signs them: {@code webhook-signature} holds one or more space-separated {@code
 * v1,<base64 HMAC-SHA256>} of {@code <webhook-id>.<webhook-timestamp>.<raw body>} under the
 * account's secret ({@code whsec_<base64>}), and {@code webhook-timestamp} must be within the
 * tolerance of the clock (default 5 minutes) so that a captured request cannot be replayed later.
 *
 * <p>Immutable and thread-safe. Verify the raw body bytes before parsing them:
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of(secret);
 * verifier.verify(requestHeaders, rawBody); // throws WebhookVerificationException
 * }</pre>
 */
public final class WebhookVerifier {
  /** The default tolerance between the timestamp and the clock. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String PREFIX = "whsec_";

  private final byte[] key;
  private final Duration tolerance;
  private final Clock clock;

  private WebhookVerifier(byte[] key, Duration tolerance, Clock clock) {
    this.key = key;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /**
   * A verifier for a secret, with the default tolerance and the system clock.
   *
   * @param secret {@code whsec_<base64>} (the prefix may be left out)
   * @throws IllegalArgumentException when the secret is not base64
   */
  public static WebhookVerifier of(String secret) {
    Objects.requireNonNull(secret, "secret");
    String encoded = secret.trim();
    if (encoded.startsWith(PREFIX)) {
      encoded = encoded.substring(PREFIX.length());
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the webhook secret must be whsec_ followed by base64", e);
    }
    if (key.length == 0) {
      throw new IllegalArgumentException("the webhook secret is empty");
    }
    return new WebhookVerifier(key, DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  /** This verifier with another tolerance (zero or more). */
  public WebhookVerifier withTolerance(Duration tolerance) {
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must not be negative");
    }
    return new WebhookVerifier(key, tolerance, clock);
  }

  /** This verifier with another clock (to check captured requests, or in tests). */
  public WebhookVerifier withClock(Clock clock) {
    return new WebhookVerifier(key, tolerance, Objects.requireNonNull(clock, "clock"));
  }

  /** The tolerance between the timestamp and the clock. */
  public Duration tolerance() {
    return tolerance;
  }

  /**
   * Verifies a request.
   *
   * @param headers the request's headers; names in any case, values a {@code String} or a
   *     collection of strings
   * @param body the raw body as received
   * @throws WebhookVerificationException when it does not verify
   */
  public void verify(Map<String, ?> headers, byte[] body) {
    verify(
        header(headers, "webhook-id"),
        header(headers, "webhook-timestamp"),
        header(headers, "webhook-signature"),
        body);
  }

  /** Verifies a request whose raw body is UTF-8 text; see {@link #verify(Map, byte[])}. */
  public void verify(Map<String, ?> headers, String body) {
    verify(headers, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Verifies a request with JDK {@link HttpHeaders}; see {@link #verify(Map, byte[])}. */
  public void verify(HttpHeaders headers, byte[] body) {
    verify(headers.map(), body);
  }

  /**
   * Verifies the three header values and the body.
   *
   * @throws WebhookVerificationException when it does not verify
   */
  public void verify(String webhookId, String timestamp, String signatures, byte[] body) {
    if (webhookId == null || webhookId.isEmpty()) {
      throw new WebhookVerificationException("missing webhook-id header");
    }
    if (timestamp == null || timestamp.isEmpty()) {
      throw new WebhookVerificationException("missing webhook-timestamp header");
    }
    if (signatures == null || signatures.isEmpty()) {
      throw new WebhookVerificationException("missing webhook-signature header");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException("webhook-timestamp is not a number of seconds");
    }
    Instant sent = Instant.ofEpochSecond(seconds);
    Instant now = clock.instant();
    if (sent.isBefore(now.minus(tolerance))) {
      throw new WebhookVerificationException(
          "webhook-timestamp " + seconds + " is older than the tolerance of " + tolerance);
    }
    if (sent.isAfter(now.plus(tolerance))) {
      throw new WebhookVerificationException(
          "webhook-timestamp " + seconds + " is further in the future than the tolerance");
    }
    byte[] expected = mac(webhookId, seconds, body);
    for (String candidate : signatures.trim().split(" +")) {
      int comma = candidate.indexOf(',');
      if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
        continue; // another scheme (v1a: asymmetric) or a malformed entry
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
    throw new WebhookVerificationException("no webhook-signature matches the body");
  }

  /**
   * The signature of a message: {@code v1,<base64>} (what a sender puts in {@code
   * webhook-signature}).
   */
  public String sign(String webhookId, Instant timestamp, byte[] body) {
    return "v1,"
        + Base64.getEncoder().encodeToString(mac(webhookId, timestamp.getEpochSecond(), body));
  }

  /** The signature of a UTF-8 text body; see {@link #sign(String, Instant, byte[])}. */
  public String sign(String webhookId, Instant timestamp, String body) {
    return sign(webhookId, timestamp, body.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] mac(String webhookId, long seconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((webhookId + "." + seconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static String header(Map<String, ?> headers, String name) {
    for (Map.Entry<String, ?> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name)) {
        Object v = e.getValue();
        if (v instanceof Collection) {
          Collection<?> values = (Collection<?>) v;
          return values.isEmpty() ? null : String.valueOf(values.iterator().next());
        }
        return v == null ? null : v.toString();
      }
    }
    return null;
  }
}
