package io.reelgate.server.billing;

import io.reelgate.server.support.ServerTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Credits, limits, idempotency and cancellation on the embedded default database (H2 file). */
class H2CreditsAndLimitsIT extends CreditsAndLimitsContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ServerTest.embeddedServer(
        registry, ServerTest.tempDataDir("reelgate-credits-h2"), "rg_h2_credits_key");
    registry.add("reelgate.admin-token", () -> ADMIN_TOKEN);
    registry.add("reelgate.local.max-concurrent-renders", () -> Integer.toString(LOCAL_RENDERS));
  }
}
