package io.reelgate.server.billing;

import io.reelgate.server.support.PostgresSchemas;
import io.reelgate.server.support.ServerTest;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Credits, limits, idempotency and cancellation on PostgreSQL, in a fresh schema of the database
 * named by {@code REELGATE_TEST_POSTGRES_URL}; skipped without it. Here the per-minute buckets live
 * in the database (Bucket4j's PostgreSQL proxy).
 */
@EnabledIfEnvironmentVariable(
    named = PostgresCreditsAndLimitsIT.URL_VARIABLE,
    matches = ".+",
    disabledReason =
        "PostgreSQL credit and limit tests skipped: set REELGATE_TEST_POSTGRES_URL, e.g."
            + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres")
// Closed after the class: its pool is not left holding PostgreSQL connections for later tests.
@DirtiesContext
class PostgresCreditsAndLimitsIT extends CreditsAndLimitsContract {
  static final String URL_VARIABLE = "REELGATE_TEST_POSTGRES_URL";

  static {
    String url = System.getenv(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      System.out.println(
          "SKIPPED: PostgreSQL credit and limit tests; set "
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
    ServerTest.embeddedServer(
        registry, ServerTest.tempDataDir("reelgate-credits-pg"), "rg_pg_credits_key");
    PostgresSchemas.use(registry, PostgresSchemas.create("reelgate_credits"));
    registry.add("reelgate.admin-token", () -> ADMIN_TOKEN);
    registry.add("reelgate.local.max-concurrent-renders", () -> Integer.toString(LOCAL_RENDERS));
  }
}
