package io.reelgate.server.access;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-account secret that signs webhooks (Standard Webhooks): {@code whsec_} followed by the
 * base64 of 32 random bytes. Accounts get one when created; an account older than webhooks gets one
 * the first time it is needed.
 */
@Service
public class WebhookSecrets {
  public static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  public WebhookSecrets(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A new random secret (not stored). */
  public static String generate() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /**
   * The HMAC key inside a secret.
   *
   * @throws IllegalArgumentException when it is not {@code whsec_<base64>} of at least 24 bytes
   */
  public static byte[] keyOf(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret is " + PREFIX + " followed by base64");
    }
    if (key.length < 24) {
      throw new IllegalArgumentException("a webhook secret must hold at least 24 random bytes");
    }
    return key;
  }

  /** The account's secret, created if it has none yet. */
  @Transactional
  public String secretOf(String accountId) {
    String current = read(accountId);
    if (current != null) {
      return current;
    }
    jdbc.sql("UPDATE accounts SET webhook_secret = ? WHERE id = ? AND webhook_secret IS NULL")
        .params(generate(), accountId)
        .update();
    String created = read(accountId);
    if (created == null) {
      throw new IllegalStateException("account " + accountId + " does not exist");
    }
    return created;
  }

  /** Sets an account's secret to a given one (checked first). */
  @Transactional
  public void set(String accountId, String secret) {
    keyOf(secret);
    jdbc.sql("UPDATE accounts SET webhook_secret = ? WHERE id = ?")
        .params(secret, accountId)
        .update();
  }

  private String read(String accountId) {
    return jdbc.sql("SELECT webhook_secret FROM accounts WHERE id = ?")
        .param(accountId)
        .query((rs, n) -> rs.getString(1))
        .optional()
        .orElse(null);
  }
}
