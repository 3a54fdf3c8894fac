package io.reelgate.providers.fal;

import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * fal's webhook signatures: Ed25519 over {@code request_id \n user_id \n timestamp \n
 * hex(sha256(body))}, checked against the public keys fal publishes as a JWKS. The keys come from
 * configuration (a copy of the JWKS document, or the base64url {@code x} values), because the
 * gateway does not fetch them.
 */
final class FalWebhookKeys {
  /** How far a webhook's timestamp may be from now, either way. */
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The DER header of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key. */
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private final List<PublicKey> keys;
  private final String userId;

  private FalWebhookKeys(List<PublicKey> keys, String userId) {
    this.keys = List.copyOf(keys);
    this.userId = userId;
  }

  /**
   * Reads the configured keys.
   *
   * @param text a JWKS document ({@code {"keys":[{"kty":"OKP","crv":"Ed25519","x":...}]}}) or
   *     base64url raw keys separated by commas or spaces
   * @param userId the fal user id webhooks must name, or null to accept any
   * @throws IllegalArgumentException when no Ed25519 key can be read
   */
  static FalWebhookKeys parse(String text, String userId) {
    List<String> encoded = new ArrayList<>();
    String t = text.trim();
    if (t.startsWith("{")) {
      JsonNode jwks;
      try {
        jwks = JSON.readTree(t);
      } catch (JacksonException e) {
        throw new IllegalArgumentException("webhook-public-keys is not a JWKS document", e);
      }
      for (JsonNode key : jwks.path("keys")) {
        if ("OKP".equals(key.path("kty").asString(""))
            && "Ed25519".equals(key.path("crv").asString(""))
            && key.hasNonNull("x")) {
          encoded.add(key.get("x").asString());
        }
      }
    } else {
      for (String part : t.split("[,\\s]+")) {
        if (!part.isBlank()) {
          encoded.add(part);
        }
      }
    }
    List<PublicKey> keys = new ArrayList<>();
    for (String x : encoded) {
      keys.add(publicKey(x));
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("webhook-public-keys holds no Ed25519 key");
    }
    return new FalWebhookKeys(keys, userId);
  }

  private static PublicKey publicKey(String base64url) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(base64url.trim().replace("=", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("webhook public key is not base64url: " + base64url, e);
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes: " + base64url);
    }
    byte[] der = new byte[ED25519_SPKI_PREFIX.length + raw.length];
    System.arraycopy(ED25519_SPKI_PREFIX, 0, der, 0, ED25519_SPKI_PREFIX.length);
    System.arraycopy(raw, 0, der, ED25519_SPKI_PREFIX.length, raw.length);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + base64url, e);
    }
  }

  /**
   * Checks a pushed request's headers and signature.
   *
   * @throws InvalidWebhookException when a header is missing, the timestamp is stale, the user id
   *     is not the pinned one or no key verifies the signature
   */
  void verify(WebhookRequest request, Instant now) {
    String requestId = header(request, "X-Fal-Webhook-Request-Id");
    String user = header(request, "X-Fal-Webhook-User-Id");
    String timestamp = header(request, "X-Fal-Webhook-Timestamp");
    String signatureHex = header(request, "X-Fal-Webhook-Signature");
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new InvalidWebhookException("X-Fal-Webhook-Timestamp is not a number of seconds");
    }
    if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(TOLERANCE) > 0) {
      throw new InvalidWebhookException("X-Fal-Webhook-Timestamp is more than 5 minutes from now");
    }
    if (userId != null && !userId.equals(user)) {
      throw new InvalidWebhookException("X-Fal-Webhook-User-Id is not the configured fal user");
    }
    byte[] signature;
    try {
      signature = HexFormat.of().parseHex(signatureHex.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidWebhookException("X-Fal-Webhook-Signature is not hex");
    }
    byte[] message =
        (requestId + "\n" + user + "\n" + timestamp.trim() + "\n" + sha256Hex(request.body()))
            .getBytes(StandardCharsets.UTF_8);
    for (PublicKey key : keys) {
      try {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(message);
        if (verifier.verify(signature)) {
          return;
        }
      } catch (GeneralSecurityException wrongKeyOrLength) {
        // try the next key
      }
    }
    throw new InvalidWebhookException("X-Fal-Webhook-Signature matches no configured key");
  }

  static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String header(WebhookRequest request, String name) {
    return request
        .header(name)
        .orElseThrow(() -> new InvalidWebhookException("header " + name + " is missing"));
  }
}
