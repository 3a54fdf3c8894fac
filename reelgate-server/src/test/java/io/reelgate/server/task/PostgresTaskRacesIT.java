package io.reelgate.server.task;

import io.reelgate.server.support.PostgresSchemas;
import io.reelgate.server.support.ServerTest;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Submit, cancel and finish races on PostgreSQL, in a fresh schema of the database named by {@code
 * REELGATE_TEST_POSTGRES_URL}; skipped without it.
 */
@EnabledIfEnvironmentVariable(
    named = PostgresSchemas.URL_VARIABLE,
    matches = ".+",
    disabledReason = PostgresSchemas.SKIPPED)
// Closed after the class: its pool is not left holding PostgreSQL connections for later tests.
@DirtiesContext
class PostgresTaskRacesIT extends TaskRacesContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    if (!PostgresSchemas.configured()) {
      return;
    }
    ServerTest.embeddedServer(registry, ServerTest.tempDataDir("reelgate-races-pg"), "rg_pg_races");
    PostgresSchemas.use(registry, PostgresSchemas.create("reelgate_races"));
    channel(registry);
  }
}
