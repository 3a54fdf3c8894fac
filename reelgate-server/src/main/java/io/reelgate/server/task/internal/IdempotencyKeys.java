package io.reelgate.server.task.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
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
  private final JdbcTemplate batch;
  private final Clock clock;

  public IdempotencyKeys(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = JdbcClient.create(jdbc);
    this.batch = jdbc;
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

  /** The live entries of the account's keys among {@code keys}, by key. */
  public Map<String, Entry> findAll(String accountId, Collection<String> keys) {
    Map<String, Entry> out = new HashMap<>();
    jdbc.sql(
            "SELECT idem_key, fingerprint, task_id FROM idempotency_keys"
                + " WHERE account_id = :account AND idem_key IN (:keys) AND created_at > :since")
        .param("account", accountId)
        .param("keys", List.copyOf(keys))
        .param("since", clock.millis() - LIFETIME.toMillis())
        .query((rs, n) -> out.put(rs.getString(1), new Entry(rs.getString(2), rs.getString(3))))
        .list();
    return out;
  }

  /** A key to record for a new task. */
  public record Use(String accountId, String key, String fingerprint, String taskId) {}

  /**
   * Records keys of new tasks in the caller's transaction, dropping each account's expired keys
   * first.
   *
   * @throws org.springframework.dao.DataIntegrityViolationException when a key is live already
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordAll(List<Use> uses) {
    long now = clock.millis();
    for (String account : new TreeSet<>(uses.stream().map(Use::accountId).toList())) {
      jdbc.sql("DELETE FROM idempotency_keys WHERE account_id = ? AND created_at <= ?")
          .params(account, now - LIFETIME.toMillis())
          .update();
    }
    batch.batchUpdate(
        "INSERT INTO idempotency_keys (account_id, idem_key, fingerprint, task_id, created_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        uses.stream()
            .map(u -> new Object[] {u.accountId(), u.key(), u.fingerprint(), u.taskId(), now})
            .toList());
  }

  /**
   * Records the key for a task in the caller's transaction, dropping the account's expired keys
   * first.
   *
   * @throws org.springframework.dao.DataIntegrityViolationException when the key is live already
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(String accountId, String key, String fingerprint, String taskId) {
    recordAll(List.of(new Use(accountId, key, fingerprint, taskId)));
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
