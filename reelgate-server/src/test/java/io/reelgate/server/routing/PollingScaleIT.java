package io.reelgate.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.reelgate.server.engine.TaskEngine;
import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.ServerTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Opt-in scale check ({@code REELGATE_SCALE_TEST=1}; {@code REELGATE_SCALE_TASKS}, default 10000):
 * that many tasks are accepted by an OpenAI-compatible stub upstream and held in flight at once;
 * then the stub finishes each at a random time within a minute. Reports how long after its finish
 * each job was first seen finished by a poll (the bound: the poll interval plus one second)
 * and how long until its task succeeded, plus the heap used per task in flight.
 */
@EnabledIfEnvironmentVariable(named = "REELGATE_SCALE_TEST", matches = "1|true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PollingScaleIT {
  static final String KEY = "rg_test_scale_0123456789ab";
  static final Path DATA = ServerTest.tempDataDir("reelgate-scale");
  static final int TASKS =
      Integer.parseInt(System.getenv().getOrDefault("REELGATE_SCALE_TASKS", "10000"));
  static final long FINISH_WINDOW_MILLIS = 60_000;
  static final Stub STUB = new Stub();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TaskEngine engine;

  /** An OpenAI Videos upstream whose jobs run until released, then finish at random times. */
  static final class Stub {
    final HttpServer server;
    final Map<String, Job> jobs = new ConcurrentHashMap<>();
    final AtomicInteger ids = new AtomicInteger();
    final AtomicLong statusCalls = new AtomicLong();

    static final class Job {
      volatile long finishAt = Long.MAX_VALUE;
      final AtomicLong noticedAt = new AtomicLong();
    }

    Stub() {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext("/v1/videos", this::handle);
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void handle(HttpExchange x) throws IOException {
      try (x) {
        x.getRequestBody().readAllBytes();
        String path = x.getRequestURI().getPath();
        if (x.getRequestMethod().equals("POST") && path.equals("/v1/videos")) {
          String id = "video_" + ids.incrementAndGet();
          jobs.put(id, new Job());
          send(x, 200, "{\"id\":\"" + id + "\",\"object\":\"video\",\"status\":\"queued\"}");
          return;
        }
        String[] parts = path.split("/");
        Job job = parts.length >= 4 ? jobs.get(parts[3]) : null;
        if (job == null) {
          send(x, 404, "{\"error\":{\"message\":\"no such video\"}}");
          return;
        }
        if (parts.length == 5 && parts[4].equals("content")) {
          x.getResponseHeaders().add("Content-Type", "video/mp4");
          byte[] body = "scale-video".getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, body.length);
          try (OutputStream out = x.getResponseBody()) {
            out.write(body);
          }
          return;
        }
        statusCalls.incrementAndGet();
        long now = System.currentTimeMillis();
        boolean done = now >= job.finishAt;
        if (done) {
          job.noticedAt.compareAndSet(0, now);
        }
        send(
            x,
            200,
            "{\"id\":\""
                + parts[3]
                + "\",\"object\":\"video\",\"status\":\""
                + (done ? "completed" : "in_progress")
                + "\"}");
      }
    }

    static void send(HttpExchange x, int status, String json) throws IOException {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(status, body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @AfterAll
  static void stop() {
    STUB.server.stop(0);
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, DATA, KEY);
    r.add("reelgate.channels[0].id", () -> "scale-stub");
    r.add("reelgate.channels[0].protocol", () -> "openai-videos");
    r.add("reelgate.channels[0].base-url", STUB::baseUrl);
    r.add("reelgate.channels[0].api-key", () -> "sk-scale");
    r.add("reelgate.channels[0].route", () -> "official");
    r.add("reelgate.channels[0].max-concurrent", () -> String.valueOf(TASKS * 2));
    r.add("reelgate.channels[0].models.sora-2", () -> "sora-2");
    r.add("reelgate.models.sora-2.deadline", () -> "30m");
    r.add("reelgate.models.sora-2.limits.requests-per-minute", () -> "1000000");
    r.add("reelgate.models.sora-2.limits.concurrent-tasks", () -> "1000000");
  }

  @Test
  void tenThousandTasksInFlightAreNoticedWithinTheIntervalPlusOneSecond() throws Exception {
    String base = "http://localhost:" + port;
    long heapBefore = usedHeapAfterGc();
    long submitStart = System.nanoTime();
    try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
      List<Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        int n = i;
        ids.add(clients.submit(() -> Apixo.submit(base, KEY, "sora-2", Apixo.sora("scale " + n))));
      }
      for (Future<String> f : ids) {
        f.get();
      }
    }
    double submitSeconds = (System.nanoTime() - submitStart) / 1e9;
    await("every job accepted upstream and tracked")
        .atMost(Duration.ofSeconds(600))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> STUB.jobs.size() >= TASKS && engine.jobsTracked() >= TASKS);
    double acceptSeconds = (System.nanoTime() - submitStart) / 1e9;
    assertThat(STUB.jobs.size()).isEqualTo(TASKS);
    assertThat(engine.jobsTracked()).isEqualTo(TASKS);
    long heapInFlight = usedHeapAfterGc();
    long callsBefore = STUB.statusCalls.get();
    long rateStart = System.nanoTime();
    // why a sleep: this measures the poll rate over a fixed window; no condition ends a window
    Thread.sleep(10_000);
    double pollsPerSecond =
        (STUB.statusCalls.get() - callsBefore) / ((System.nanoTime() - rateStart) / 1e9);

    long releasedAt = System.currentTimeMillis();
    for (Stub.Job job : STUB.jobs.values()) {
      job.finishAt = releasedAt + ThreadLocalRandom.current().nextLong(FINISH_WINDOW_MILLIS);
    }
    await("every task to succeed")
        .atMost(Duration.ofSeconds(600))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> succeeded() >= TASKS);
    assertThat(succeeded()).isEqualTo(TASKS);

    long[] noticed =
        STUB.jobs.values().stream()
            .mapToLong(j -> j.noticedAt.get() - j.finishAt)
            .sorted()
            .toArray();
    long[] stored =
        jdbc
            .sql("SELECT upstream_job_id, completed_at FROM tasks WHERE state = 'SUCCEEDED'")
            .query((rs, row) -> rs.getLong(2) - STUB.jobs.get(rs.getString(1)).finishAt)
            .list()
            .stream()
            .mapToLong(Long::longValue)
            .toArray();
    Arrays.sort(stored);
    System.out.printf(
        "SCALE tasks=%d submit=%.1fs accepted-upstream-after=%.1fs polls/s-in-flight=%.0f%n",
        TASKS, submitSeconds, acceptSeconds, pollsPerSecond);
    System.out.printf(
        "SCALE heap-per-task-in-flight<=%d bytes (used heap %d MiB -> %d MiB)%n",
        (heapInFlight - heapBefore) / TASKS, heapBefore >> 20, heapInFlight >> 20);
    System.out.println("SCALE finish->first-poll-seen-ms " + summary(noticed));
    System.out.println("SCALE finish->task-succeeded-ms " + summary(stored));
    assertThat(noticed[noticed.length - 1]).isLessThanOrEqualTo(6_000);
  }

  long succeeded() {
    return jdbc.sql("SELECT COUNT(*) FROM tasks WHERE state = 'SUCCEEDED'")
        .query(Long.class)
        .single();
  }

  static String summary(long[] sorted) {
    return "p50=%d p90=%d p99=%d p99.9=%d max=%d over-6000=%d"
        .formatted(
            pct(sorted, 0.50),
            pct(sorted, 0.90),
            pct(sorted, 0.99),
            pct(sorted, 0.999),
            sorted[sorted.length - 1],
            Arrays.stream(sorted).filter(v -> v > 6_000).count());
  }

  static long pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }

  static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    // System.gc() runs a full, stop-the-world collection (no -XX:+ExplicitGCInvokesConcurrent)
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
