package io.reelgate.server.limits;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
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

  /** The counter of one key and model. */
  public record Counter(String keyId, String model) implements Comparable<Counter> {
    @Override
    public int compareTo(Counter o) {
      int byKey = keyId.compareTo(o.keyId);
      return byKey != 0 ? byKey : model.compareTo(o.model);
    }
  }

  private final JdbcClient jdbc;
  // why: a counter row, once it exists, is never removed; remembering it saves a statement
  private final Set<String> knownRows = ConcurrentHashMap.newKeySet();

  public ConcurrencyGuard(JdbcTemplate jdbc) {
    this.jdbc = JdbcClient.create(jdbc);
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
      throw overLimit(model, maxUnfinished);
    }
  }

  /** The refusal of a task over the key's unfinished-task limit of the model. */
  public static LimitExceededException overLimit(String model, int maxUnfinished) {
    return new LimitExceededException(
        LimitExceededException.Kind.CONCURRENT_TASKS, model, maxUnfinished, RETRY_AFTER_SECONDS);
  }

  /**
   * Locks the counter rows, in key and model order, until the caller's transaction ends, and
   * returns their counts. A row {@link #prepare} did not make yet is made here (a concurrent
   * duplicate then fails this transaction, which is run again).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Map<Counter, Integer> lockCounts(Collection<Counter> counters) {
    Map<Counter, Integer> out = new TreeMap<>();
    for (Counter c : new TreeSet<>(counters)) {
      Integer n =
          jdbc.sql(
                  "SELECT unfinished FROM key_model_usage WHERE api_key_id = ? AND model = ?"
                      + " FOR UPDATE")
              .params(c.keyId(), c.model())
              .query(Integer.class)
              .optional()
              .orElse(null);
      if (n == null) {
        jdbc.sql("INSERT INTO key_model_usage (api_key_id, model, unfinished) VALUES (?, ?, 0)")
            .params(c.keyId(), c.model())
            .update();
        n = 0;
      }
      out.put(c, n);
    }
    return out;
  }

  /**
   * Changes counters by the given amounts (positive for admitted tasks, negative for finished
   * ones), in key and model order, in the caller's transaction; a count never goes below zero.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void addAll(Map<Counter, Integer> deltas) {
    new TreeMap<>(deltas)
        .forEach(
            (c, delta) ->
                jdbc.sql(
                        "UPDATE key_model_usage SET unfinished = CASE WHEN unfinished + ? < 0"
                            + " THEN 0 ELSE unfinished + ? END WHERE api_key_id = ? AND model = ?")
                    .params(delta, delta, c.keyId(), c.model())
                    .update());
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
