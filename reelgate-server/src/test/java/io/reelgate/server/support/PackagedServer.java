package io.reelgate.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs the packaged server jar as a separate process, as an operator would, so tests can kill it
 * (SIGKILL included) and start it again on the same data directory.
 */
public final class PackagedServer {
  private PackagedServer() {}

  /**
   * Starts {@code reelgate-server.jar} and waits until its health endpoint answers.
   *
   * @param dataDir the data directory (the log goes to {@code <dataDir>/<name>.log})
   * @param env environment variables besides {@code REELGATE_DATA_DIR} and {@code SERVER_PORT}
   * @param args command-line arguments for the server
   */
  public static Process start(
      Path dataDir, int port, String name, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path jar = Path.of("target", "reelgate-server.jar").toAbsolutePath();
    assertThat(jar).as("run after `package`").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Path log = dataDir.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("REELGATE_DATA_DIR", dataDir.toString());
    pb.environment().put("SERVER_PORT", String.valueOf(port));
    Process p = pb.start();
    try {
      // a bound, not a speed check: a start takes seconds, minutes on a machine under heavy load
      await("the server on port " + port + " to be healthy")
          .atMost(Duration.ofSeconds(300))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsMatching(e -> !(e instanceof AssertionError))
          .until(
              () -> {
                if (!p.isAlive()) {
                  throw new AssertionError("server exited: " + Files.readString(log));
                }
                return Http.send("GET", "http://localhost:" + port + "/actuator/health", null)
                        .status()
                    == 200;
              });
    } catch (ConditionTimeoutException notHealthy) {
      p.destroyForcibly();
      throw new AssertionError("server did not become healthy; log: " + Files.readString(log));
    }
    return p;
  }

  /** A TCP port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
