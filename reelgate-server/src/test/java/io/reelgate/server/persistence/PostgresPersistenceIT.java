package io.reelgate.server.persistence;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The persistence contract on PostgreSQL, in a fresh schema of the database named by {@code
 * REELGATE_TEST_POSTGRES_URL}. Without that variable the class is skipped (CI always sets it).
 */
@EnabledIfEnvironmentVariable(
    named = PostgresPersistenceIT.URL_VARIABLE,
    matches = ".+",
    disabledReason =
        "PostgreSQL persistence tests skipped: set REELGATE_TEST_POSTGRES_URL, e.g."
            + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres")
class PostgresPersistenceIT extends PersistenceContract {
  static final String URL_VARIABLE = "REELGATE_TEST_POSTGRES_URL";

  static {
    String url = System.getenv(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      System.out.println(
          "SKIPPED: PostgreSQL persistence tests; set "
              + URL_VARIABLE
              + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run them");
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    String url = System.getenv(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      return;
    }
    String schema = "reelgate_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    }
    String withSchema = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    registry.add("spring.datasource.url", () -> withSchema);
    registry.add("spring.datasource.username", () -> "");
    registry.add("spring.flyway.schemas", () -> schema);
    registry.add("spring.flyway.default-schema", () -> schema);
    registry.add("reelgate.data-dir", Files.createTempDirectory("reelgate-pg")::toString);
    registry.add("reelgate.bootstrap.api-key", () -> "rg_pg_contract_key");
    registry.add("db-scheduler.polling-strategy", () -> "lock-and-fetch");
  }
}
