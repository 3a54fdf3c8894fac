package io.reelgate.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    // why: a start takes minutes on a busy 2-core machine
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("server exited: " + Files.readString(log));
      }
      try {
        if (Http.send("GET", "http://localhost:" + port + "/actuator/health", null).status()
            == 200) {
          return p;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    p.destroyForcibly();
    throw new AssertionError("server did not become healthy; log: " + Files.readString(log));
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
