package io.reelgate.providers.openrouter;

import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.WebhookRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OpenRouter's callback signature: {@code X-OpenRouter-Signature: t=<timestamp>,v1=<hex>}, the hex
 * HMAC-SHA256 of {@code <timestamp>,<raw body>} keyed with the workspace's signing secret, the
 * timestamp within five minutes of now. The documentation does not say whether the timestamp is in
 * seconds or milliseconds; values above 10^11 are read as milliseconds.
 */
final class OpenRouterSignature {
  static final String HEADER = "X-OpenRouter-Signature";
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  private final byte[] key;

  OpenRouterSignature(String secret) {
    this.key = secret.trim().getBytes(StandardCharsets.UTF_8);
  }

  void verify(WebhookRequest request, Instant now) {
    String header =
        request
            .header(HEADER)
            .orElseThrow(() -> new InvalidWebhookException("header " + HEADER + " is missing"));
    String timestamp = null;
    java.util.List<String> signatures = new java.util.ArrayList<>();
    for (String part : header.split(",")) {
      String p = part.trim();
      if (p.startsWith("t=")) {
        timestamp = p.substring(2);
      } else if (p.startsWith("v1=")) {
        signatures.add(p.substring(3));
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      throw new InvalidWebhookException(HEADER + " lacks t= or v1=");
    }
    long t;
    try {
      t = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new InvalidWebhookException(HEADER + " has a timestamp that is not a number");
    }
    Instant at = t > 100_000_000_000L ? Instant.ofEpochMilli(t) : Instant.ofEpochSecond(t);
    if (Duration.between(at, now).abs().compareTo(TOLERANCE) > 0) {
      throw new InvalidWebhookException(
          "the signature's timestamp is more than 5 minutes from now");
    }
    byte[] expected = sign(timestamp, request.body());
    for (String candidate : signatures) {
      byte[] given;
      try {
        given = HexFormat.of().parseHex(candidate.toLowerCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException notHex) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return;
      }
    }
    throw new InvalidWebhookException("no " + HEADER + " signature matches");
  }

  byte[] sign(String timestamp, byte[] body) {
    ByteArrayOutputStream signed = new ByteArrayOutputStream(body.length + 24);
    signed.writeBytes((timestamp + ",").getBytes(StandardCharsets.UTF_8));
    signed.writeBytes(body);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(signed.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The header value a sender would write. */
  String header(String timestamp, byte[] body) {
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(sign(timestamp, body));
  }
}
