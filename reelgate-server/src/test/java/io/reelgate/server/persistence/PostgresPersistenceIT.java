package io.reelgate.server.persistence;

import io.reelgate.server.support.PostgresSchemas;
import java.nio.file.Files;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.annotation.DirtiesContext;
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
// Closed after the class: its pool is not left holding PostgreSQL connections for later tests.
@DirtiesContext
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
    PostgresSchemas.use(registry, PostgresSchemas.create("reelgate_it"));
    registry.add("reelgate.data-dir", Files.createTempDirectory("reelgate-pg")::toString);
    registry.add("reelgate.bootstrap.api-key", () -> "rg_pg_contract_key");
  }
}
