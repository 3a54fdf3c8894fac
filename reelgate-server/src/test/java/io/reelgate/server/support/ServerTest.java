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
  static final Path DATA_DIR;

  static {
    try {
      DATA_DIR = Files.createTempDirectory("reelgate-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("reelgate.data-dir", () -> DATA_DIR.toString());
    registry.add("reelgate.bootstrap.api-key", () -> API_KEY);
    registry.add("reelgate.bootstrap.credits", () -> "100000000");
    registry.add("reelgate.allow-private-networks", () -> "true");
  }

  protected String base() {
    return "http://localhost:" + port;
  }
}
