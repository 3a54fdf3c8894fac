package io.reelgate.server.limits;

import io.reelgate.core.task.TaskState;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The unfinished-tasks limit of a key and model. It counts the key's unfinished task rows while
 * holding a lock on the key's row, in the transaction that inserts the new task: concurrent
 * submissions with one key queue on that lock, so each sees the others' committed tasks and the
 * count is exact. Nothing has to be given back when a task ends (success, failure, cancellation,
 * timeout): a finished task simply stops being counted, also across restarts.
 */
@Component
public class ConcurrencyGuard {
  /** Seconds a client is asked to wait when all its slots are taken. */
  static final long RETRY_AFTER_SECONDS = 5;

  private static final String UNFINISHED =
      Arrays.stream(TaskState.values())
          .filter(s -> !s.isTerminal())
          .map(s -> "'" + s.name() + "'")
          .collect(Collectors.joining(", "));

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
    long unfinished =
        jdbc.sql(
                "SELECT COUNT(*) FROM tasks WHERE api_key_id = ? AND model = ? AND state IN ("
                    + UNFINISHED
                    + ")")
            .params(keyId, model)
            .query(Long.class)
            .single();
    if (unfinished >= maxUnfinished) {
      throw new LimitExceededException(
          LimitExceededException.Kind.CONCURRENT_TASKS, model, maxUnfinished, RETRY_AFTER_SECONDS);
    }
  }
}
