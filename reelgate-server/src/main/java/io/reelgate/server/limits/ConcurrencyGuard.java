package io.reelgate.server.limits;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The unfinished-tasks limit of a key and model. The key's count lives in {@code key_model_usage},
 * raised here in the transaction that inserts the new task and lowered by {@link
 * io.reelgate.server.task.TaskRepository#update} in the transaction that moves a task to a final
 * state (success, failure, cancellation, timeout), so it is exact and survives restarts. Concurrent
 * submissions with one key queue on a lock of the key's row, so each sees the others' counts.
 */
@Component
public class ConcurrencyGuard {
  /** Seconds a client is asked to wait when all its slots are taken. */
  static final long RETRY_AFTER_SECONDS = 5;

  private final JdbcClient jdbc;

  public ConcurrencyGuard(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Admits one more unfinished task of the model for the key, in the caller's transaction.
   *
   * @throws LimitExceededException when the key already has {@code maxUnfinished} of them
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void admit(String keyId, String model, int maxUnfinished) {
    jdbc.sql("SELECT id FROM api_keys WHERE id = ? FOR UPDATE")
        .param(keyId)
        .query(String.class)
        .optional();
    Optional<Integer> unfinished =
        jdbc.sql("SELECT unfinished FROM key_model_usage WHERE api_key_id = ? AND model = ?")
            .params(keyId, model)
            .query(Integer.class)
            .optional();
    if (unfinished.orElse(0) >= maxUnfinished) {
      throw new LimitExceededException(
          LimitExceededException.Kind.CONCURRENT_TASKS, model, maxUnfinished, RETRY_AFTER_SECONDS);
    }
    if (unfinished.isEmpty()) {
      jdbc.sql("INSERT INTO key_model_usage (api_key_id, model, unfinished) VALUES (?, ?, 1)")
          .params(keyId, model)
          .update();
    } else {
      jdbc.sql(
              "UPDATE key_model_usage SET unfinished = unfinished + 1"
                  + " WHERE api_key_id = ? AND model = ?")
          .params(keyId, model)
          .update();
    }
  }
}
