package io.reelgate.server.task;

import io.reelgate.server.support.ServerTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Submit, cancel and finish races on the embedded default database (H2 file). */
class H2TaskRacesIT extends TaskRacesContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ServerTest.embeddedServer(registry, ServerTest.tempDataDir("reelgate-races-h2"), "rg_h2_races");
    channel(registry);
  }
}
