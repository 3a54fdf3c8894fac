package io.reelgate.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Fresh PostgreSQL schemas for tests that run the server on the database named by {@code
 * REELGATE_TEST_POSTGRES_URL}, so that several test classes (and several people) can share one
 * database.
 */
public final class PostgresSchemas {
  public static final String URL_VARIABLE = "REELGATE_TEST_POSTGRES_URL";
  public static final String SKIPPED =
      "PostgreSQL tests skipped: set REELGATE_TEST_POSTGRES_URL, e.g."
          + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private PostgresSchemas() {}

  public static boolean configured() {
    String url = System.getenv(URL_VARIABLE);
    return url != null && !url.isBlank();
  }

  /** Creates a schema named {@code <prefix>_<random>} and returns its name. */
  public static String create(String prefix) throws SQLException {
    String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(System.getenv(URL_VARIABLE))) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    }
    return schema;
  }

  /** Points the server's data source, migrations and job scheduler at the schema. */
  public static void use(DynamicPropertyRegistry registry, String schema) {
    String url = System.getenv(URL_VARIABLE);
    String withSchema = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    registry.add("spring.datasource.url", () -> withSchema);
    registry.add("spring.datasource.username", () -> "");
    registry.add("spring.flyway.schemas", () -> schema);
    registry.add("spring.flyway.default-schema", () -> schema);
    registry.add("db-scheduler.polling-strategy", () -> "lock-and-fetch");
    // A small pool that gives idle connections back: several test contexts and the two-node
    // test's server processes share one PostgreSQL and its 100 connections.
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
    registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
    registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
  }
}
