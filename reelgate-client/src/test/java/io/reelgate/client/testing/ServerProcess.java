package io.reelgate.client.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged server ({@code reelgate-server/target/reelgate-server.jar}) as a separate process on
 * a free port with its own data directory, an admin token and a known bootstrap API key; private
 * addresses are allowed, so that callbacks can reach receivers on this machine.
 */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final Path dataDir;
  private final int port;
  private final String apiKey;
  private final String adminToken;

  private ServerProcess(Process process, Path dataDir, int port, String apiKey, String adminToken) {
    this.process = process;
    this.dataDir = dataDir;
    this.port = port;
    this.apiKey = apiKey;
    this.adminToken = adminToken;
  }

  /** Starts a server and waits until it is healthy. */
  public static ServerProcess start() {
    return start(Map.of());
  }

  /** Starts a server with extra environment variables and waits until it is healthy. */
  public static ServerProcess start(Map<String, String> extraEnv) {
    Path jar = serverJar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no server jar at "
              + jar
              + "; build reelgate-server first (./mvnw -pl reelgate-server -am package)");
    }
    try {
      Path dataDir = Files.createTempDirectory("reelgate-it-");
      int port = freePort();
      String apiKey = "rg_it_" + UUID.randomUUID().toString().replace("-", "");
      String adminToken = "admin-" + UUID.randomUUID();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx512m");
      command.add("-jar");
      command.add(jar.toString());
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dataDir.resolve("server.log").toFile());
      Map<String, String> env = new HashMap<>();
      env.put("REELGATE_DATA_DIR", dataDir.toString());
      env.put("SERVER_PORT", String.valueOf(port));
      env.put("REELGATE_ADMIN_TOKEN", adminToken);
      env.put("REELGATE_BOOTSTRAP_API_KEY", apiKey);
      env.put("REELGATE_ALLOW_PRIVATE_NETWORKS", "true");
      env.put("REELGATE_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
      env.putAll(extraEnv);
      pb.environment().putAll(env);
      Process p = pb.start();
      ServerProcess server = new ServerProcess(p, dataDir, port, apiKey, adminToken);
      server.awaitHealthy(Duration.ofSeconds(180));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path serverJar() {
    String configured = System.getProperty("reelgate.server.jar");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of("..", "reelgate-server", "target", "reelgate-server.jar")
        .toAbsolutePath()
        .normalize();
  }

  private void awaitHealthy(Duration limit) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      await("the server to be healthy")
          .atMost(limit)
          .pollInterval(Duration.ofMillis(250))
          // not listening yet: a refused or reset connection is tried again
          .ignoreExceptionsMatching(e -> !(e instanceof IllegalStateException))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException("the server exited:\n" + log());
                }
                return http.send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .statusCode()
                    == 200;
              });
    } catch (ConditionTimeoutException notHealthy) {
      close();
      throw new IllegalStateException("the server did not become healthy:\n" + log());
    }
  }

  /** The server's log so far. */
  public String log() {
    try {
      return Files.readString(dataDir.resolve("server.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The bootstrap account's API key. */
  public String apiKey() {
    return apiKey;
  }

  public String adminToken() {
    return adminToken;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** A TCP port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind
    }
  }
}
