package io.reelgate.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server ({@code reelgate-server.jar}) as a separate process, started as an operator
 * would start it, plus the JDK tools used on it ({@code jcmd} for heap figures and flight
 * recordings).
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern G1_USED = Pattern.compile("heap .*?used (\\d+)K");

  private final Process process;
  private final int port;
  private final Path log;
  private final Path javaHome;

  private ServerProcess(Process process, int port, Path log, Path javaHome) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.javaHome = javaHome;
  }

  /**
   * Starts the jar with the JDK running the benchmark and waits until its health endpoint answers.
   */
  public static ServerProcess start(
      Path jar, Path dataDir, List<String> jvmArgs, Map<String, String> env)
      throws IOException, InterruptedException {
    Path javaHome = Path.of(System.getProperty("java.home"));
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin/java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    Files.createDirectories(dataDir);
    Path log = dataDir.resolve("server.log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("REELGATE_DATA_DIR", dataDir.toString());
    pb.environment().put("SERVER_PORT", Integer.toString(port));
    Process p = pb.start();
    ServerProcess server = new ServerProcess(p, port, log, javaHome);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("server exited; log:\n" + tail(log));
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return server;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    server.close();
    throw new IllegalStateException("server did not become healthy; log:\n" + tail(log));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** CPU time the server process has used so far (all threads, user and system), in nanoseconds. */
  public long cpuNanos() {
    return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  /** Runs a full GC in the server and returns the used heap afterwards, in bytes. */
  public long heapAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = G1_USED.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("unexpected GC.heap_info output: " + info);
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  /**
   * The live objects of the server by class ({@code jcmd GC.class_histogram}, which runs a full GC
   * first).
   */
  public ClassHistogram classHistogram() throws IOException, InterruptedException {
    return ClassHistogram.parse(jcmd("GC.class_histogram"));
  }

  /** Starts a flight recording with the profiling settings. */
  public void startRecording(String name) throws IOException, InterruptedException {
    jcmd("JFR.start", "name=" + name, "settings=profile");
  }

  /** Stops a flight recording and writes it to {@code file}. */
  public void stopRecording(String name, Path file) throws IOException, InterruptedException {
    jcmd("JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
  }

  /** Runs {@code jcmd <pid> <args>} and returns its output. */
  public String jcmd(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin/jcmd").toString());
    command.add(Long.toString(process.pid()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
