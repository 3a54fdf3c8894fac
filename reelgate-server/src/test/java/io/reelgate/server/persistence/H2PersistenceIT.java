package io.reelgate.server.persistence;

import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The persistence contract on the embedded default database (H2 file). */
class H2PersistenceIT extends PersistenceContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    registry.add("reelgate.data-dir", Files.createTempDirectory("reelgate-h2")::toString);
    registry.add("reelgate.bootstrap.api-key", () -> "rg_h2_contract_key");
  }
}
