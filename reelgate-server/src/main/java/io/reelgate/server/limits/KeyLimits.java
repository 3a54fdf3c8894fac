package io.reelgate.server.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.reelgate.core.catalog.Limits;
import io.reelgate.core.catalog.ModelSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The limits a key has for a model: the model's defaults from the catalog unless the key has an
 * override stored in {@code key_limits}.
 */
@Service
public class KeyLimits {
  /** How long an override (or its absence) is used without asking the database again. */
  public static final Duration REMEMBERED_FOR = Duration.ofSeconds(5);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Cache<String, Optional<Limits>> overrides =
      Caffeine.newBuilder().expireAfterWrite(REMEMBERED_FOR).maximumSize(100_000).build();

  public KeyLimits(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The limits that apply to submissions of the model with the key. An override is remembered for
   * {@link #REMEMBERED_FOR} (a change made on this node applies at once, on others within that
   * time), so a submission does not cost a query for it.
   */
  public Limits effective(String keyId, ModelSpec model) {
    return overrides
        .get(keyId + "\n" + model.id(), k -> Optional.ofNullable(read(keyId, model.id())))
        .orElse(model.limits());
  }

  private Limits read(String keyId, String model) {
    return jdbc.sql(
            "SELECT requests_per_minute, concurrent_tasks FROM key_limits"
                + " WHERE key_id = ? AND model = ?")
        .params(keyId, model)
        .query((rs, n) -> new Limits(rs.getInt(1), rs.getInt(2)))
        .optional()
        .orElse(null);
  }

  /** Stores the key's limits for a model, replacing an earlier override. */
  public void override(String keyId, String model, Limits limits) {
    try {
      store(keyId, model, limits);
    } finally {
      overrides.invalidate(keyId + "\n" + model);
    }
  }

  private void store(String keyId, String model, Limits limits) {
    for (int attempt = 0; ; attempt++) {
      int updated =
          jdbc.sql(
                  "UPDATE key_limits SET requests_per_minute = ?, concurrent_tasks = ?,"
                      + " updated_at = ? WHERE key_id = ? AND model = ?")
              .params(
                  limits.requestsPerMinute(),
                  limits.concurrentTasks(),
                  clock.millis(),
                  keyId,
                  model)
              .update();
      if (updated > 0) {
        return;
      }
      try {
        jdbc.sql(
                "INSERT INTO key_limits (key_id, model, requests_per_minute, concurrent_tasks,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?)")
            .params(
                keyId, model, limits.requestsPerMinute(), limits.concurrentTasks(), clock.millis())
            .update();
        return;
      } catch (DuplicateKeyException e) {
        if (attempt > 2) {
          throw e;
        }
        // another writer inserted it first: update that row
      }
    }
  }

  /** The key's overrides by model. */
  public Map<String, Limits> overrides(String keyId) {
    Map<String, Limits> out = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT model, requests_per_minute, concurrent_tasks FROM key_limits"
                + " WHERE key_id = ? ORDER BY model")
        .param(keyId)
        .query((rs, n) -> out.put(rs.getString(1), new Limits(rs.getInt(2), rs.getInt(3))))
        .list();
    return out;
  }
}
