package io.reelgate.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole server in-process on a random port, on the embedded default
 * (H2 file and results in a fresh data directory), with loopback URLs allowed so that test
 * receivers and image servers on 127.0.0.1 can be used.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTest {
  public static final String API_KEY = "rg_test_key_0123456789";
  static final Path DATA_DIR = tempDataDir("reelgate-it");

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    embeddedServer(registry, DATA_DIR, API_KEY);
  }

  /**
   * The settings every in-process server test uses: its own data directory, a bootstrap key with
   * plenty of credits, and loopback URLs allowed for local image servers and receivers.
   */
  public static void embeddedServer(DynamicPropertyRegistry registry, Path dataDir, String apiKey) {
    registry.add("reelgate.data-dir", dataDir::toString);
    registry.add("reelgate.bootstrap.api-key", () -> apiKey);
    registry.add("reelgate.bootstrap.credits", () -> "100000000");
    registry.add("reelgate.allow-private-networks", () -> "true");
  }

  /** A new temporary directory for a test class's data. */
  public static Path tempDataDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected String base() {
    return "http://localhost:" + port;
  }
}
