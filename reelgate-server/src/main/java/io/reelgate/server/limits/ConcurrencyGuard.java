package io.reelgate.server.limits;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The unfinished-tasks limit of a key and model. The key's count lives in one row of {@code
 * key_model_usage}: raised by {@link #admit} in the transaction that accepts a task, lowered by
 * {@link #release} in the transaction that finishes one (success, failure, cancellation, timeout),
 * so it is exact and survives restarts. The guarded update of that row is what makes concurrent
 * submissions of one key see each other, on one node or many.
 */
@Component
public class ConcurrencyGuard {
  /** Seconds a client is asked to wait when all its slots are taken. */
  static final long RETRY_AFTER_SECONDS = 5;

  private final JdbcClient jdbc;
  // why: a counter row, once it exists, is never removed; remembering it saves a statement
  private final Set<String> knownRows = ConcurrentHashMap.newKeySet();

  public ConcurrencyGuard(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Makes sure the key's counter row for the model exists, in a transaction of its own, so that
   * {@link #admit} only ever updates a row (a first insert inside the submit transaction could race
   * another one).
   */
  public void prepare(String keyId, String model) {
    String id = keyId + "\n" + model;
    if (knownRows.contains(id)) {
      return;
    }
    boolean exists =
        jdbc.sql("SELECT COUNT(*) FROM key_model_usage WHERE api_key_id = ? AND model = ?")
                .params(keyId, model)
                .query(Long.class)
                .single()
            > 0;
    if (!exists) {
      try {
        jdbc.sql("INSERT INTO key_model_usage (api_key_id, model, unfinished) VALUES (?, ?, 0)")
            .params(keyId, model)
            .update();
      } catch (DuplicateKeyException createdMeanwhile) {
        // another submission created it first: the row is there either way
      }
    }
    knownRows.add(id);
  }

  /**
   * Admits one more unfinished task of the model for the key, in the caller's transaction. The row
   * must exist ({@link #prepare}).
   *
   * @throws LimitExceededException when the key already has {@code maxUnfinished} of them
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void admit(String keyId, String model, int maxUnfinished) {
    int updated =
        jdbc.sql(
                "UPDATE key_model_usage SET unfinished = unfinished + 1"
                    + " WHERE api_key_id = ? AND model = ? AND unfinished < ?")
            .params(keyId, model, maxUnfinished)
            .update();
    if (updated == 0) {
      throw new LimitExceededException(
          LimitExceededException.Kind.CONCURRENT_TASKS, model, maxUnfinished, RETRY_AFTER_SECONDS);
    }
  }

  /** One unfinished task of the key and model ended, in the caller's transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void release(String keyId, String model) {
    jdbc.sql(
            "UPDATE key_model_usage SET unfinished = unfinished - 1"
                + " WHERE api_key_id = ? AND model = ? AND unfinished > 0")
        .params(keyId, model)
        .update();
  }
}
