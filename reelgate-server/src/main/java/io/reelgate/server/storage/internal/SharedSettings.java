package io.reelgate.server.storage.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Rows of {@code shared_settings}: values made once and then read by every node on the database.
 * The first node to need a value inserts it; a node that loses that race reads the winner's.
 */
@Repository
public class SharedSettings {
  private final JdbcClient jdbc;
  private final Clock clock;

  public SharedSettings(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = JdbcClient.create(jdbc);
    this.clock = clock;
  }

  /** The value of {@code name}, made by {@code initial} and stored when there is none yet. */
  public String getOrCreate(String name, Supplier<String> initial) {
    Optional<String> found = read(name);
    if (found.isPresent()) {
      return found.get();
    }
    try {
      jdbc.sql("INSERT INTO shared_settings (name, setting_value, created_at) VALUES (?, ?, ?)")
          .params(name, initial.get(), clock.millis())
          .update();
    } catch (DuplicateKeyException anotherNodeWasFirst) {
      // why: the value the other node stored is the one every node uses
    }
    return read(name).orElseThrow(() -> new IllegalStateException(name + " was not stored"));
  }

  private Optional<String> read(String name) {
    return jdbc.sql("SELECT setting_value FROM shared_settings WHERE name = ?")
        .param(name)
        .query(String.class)
        .optional();
  }
}
