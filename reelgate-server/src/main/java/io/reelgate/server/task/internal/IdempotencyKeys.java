package io.reelgate.server.task.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code Idempotency-Key}s of accepted submissions, per account, kept for 24 hours. A key is
 * recorded in the transaction that creates its task, so a key exists exactly when its task does;
 * the primary key (account, key) makes a concurrent duplicate fail instead of creating a second
 * task.
 */
@Repository
public class IdempotencyKeys {
  /** How long a key is remembered. */
  public static final Duration LIFETIME = Duration.ofHours(24);

  private final JdbcClient jdbc;
  private final Clock clock;

  public IdempotencyKeys(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A key as recorded: the fingerprint of the request it was first used with, and its task. */
  public record Entry(String fingerprint, String taskId) {}

  /** The live (less than 24 hours old) entry of the account's key. */
  public Optional<Entry> find(String accountId, String key) {
    return jdbc.sql(
            "SELECT fingerprint, task_id FROM idempotency_keys"
                + " WHERE account_id = ? AND idem_key = ? AND created_at > ?")
        .params(accountId, key, clock.millis() - LIFETIME.toMillis())
        .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2)))
        .optional();
  }

  /**
   * Records the key for a task in the caller's transaction, dropping the account's expired keys
   * first.
   *
   * @throws org.springframework.dao.DataIntegrityViolationException when the key is live already
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(String accountId, String key, String fingerprint, String taskId) {
    long now = clock.millis();
    jdbc.sql("DELETE FROM idempotency_keys WHERE account_id = ? AND created_at <= ?")
        .params(accountId, now - LIFETIME.toMillis())
        .update();
    jdbc.sql(
            "INSERT INTO idempotency_keys (account_id, idem_key, fingerprint, task_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(accountId, key, fingerprint, taskId, now)
        .update();
  }

  /** The SHA-256 (hex) of a text. */
  public static String sha256(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
