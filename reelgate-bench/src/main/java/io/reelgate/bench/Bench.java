package io.reelgate.bench;

import io.reelgate.render.LocalRenderer;
import io.reelgate.render.RenderMode;
import io.reelgate.render.RenderResult;
import io.reelgate.render.RenderSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark suite. It renders with the local renderer in this process, then starts a stub
 * upstream, webhook receivers, a baseline server and a fresh {@code reelgate-server.jar} process
 * wired to them, runs every scenario against it and writes {@code report.json} and {@code
 * report.md}. See {@code docs/benchmarks.md}.
 */
public final class Bench {
  static final String API_KEY = "rg_bench_" + Long.toHexString(System.nanoTime());
  static final String ADMIN_TOKEN = "bench-admin-" + Long.toHexString(System.nanoTime());

  /** The channel whose stub jobs push {@code video.completed}; it serves {@code sora-2}. */
  static final String PUSH_CHANNEL = "stub-push";

  static final String PUSH_MODEL = "sora-2";

  /** The channel noticed by polling only; it serves {@code sora-2-pro}. */
  static final String POLL_CHANNEL = "stub-poll";

  static final String POLL_MODEL = "sora-2-pro";

  /** The server's poll interval in the generated configuration. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Options options;
  private final Report report = new Report();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final AtomicLong seq = new AtomicLong(1);
  private final Map<String, Long> seqOfTask = new ConcurrentHashMap<>();
  private final List<String> succeededTasks = new ArrayList<>();
  private ServerProcess server;
  private StubUpstream stub;
  private WebhookReceiver fast;
  private WebhookReceiver slow;
  private boolean channels;
  private String channelsMissing = "";

  private Bench(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    new Bench(options).run();
  }

  private void run() throws Exception {
    long started = System.nanoTime();
    Files.createDirectories(options.out());
    describeMachine();
    Path work = Files.createTempDirectory("reelgate-bench");
    byte[] clip = renderBenchmark(work);
    String schema = null;
    try (StubUpstream stub = new StubUpstream(clip);
        WebhookReceiver fast = new WebhookReceiver(0);
        WebhookReceiver slow = new WebhookReceiver(2_000)) {
      this.stub = stub;
      this.fast = fast;
      this.slow = slow;
      stub.latencyMillis(options.upstreamLatencyMillis());
      report.context("stub upstream answer latency", options.upstreamLatencyMillis() + " ms");
      Map<String, String> env = new LinkedHashMap<>();
      if (options.db().equals("postgres")) {
        schema = "reelgate_bench_" + Long.toHexString(System.currentTimeMillis());
        createSchema(schema);
        String base = options.postgresUrl();
        String url = base.replaceFirst("[?&]user=[^&]*", "").replaceFirst("&$", "");
        env.put(
            "REELGATE_DATABASE_URL",
            url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        env.put("REELGATE_DATABASE_USER", userOf(base));
        env.put("SPRING_FLYWAY_SCHEMAS", schema);
        env.put("SPRING_FLYWAY_DEFAULT_SCHEMA", schema);
        report.context("database", "PostgreSQL, schema " + schema + " (dropped afterwards)");
      } else {
        report.context("database", "H2 (embedded file database)");
      }
      String secret = "whsec_" + Base64.getEncoder().encodeToString(randomBytes(32));
      Path config = work.resolve("bench.yml");
      Files.writeString(config, config(secret));
      env.put("REELGATE_CONFIG", config.toString());
      env.put("REELGATE_ALLOW_PRIVATE_NETWORKS", "true");
      env.put("REELGATE_BOOTSTRAP_API_KEY", API_KEY);
      env.put("REELGATE_BOOTSTRAP_CREDITS", "1000000000000");
      env.put("REELGATE_ADMIN_TOKEN", ADMIN_TOKEN);
      env.put("REELGATE_BENCH_UPSTREAM_KEY", "sk-bench");
      env.put("REELGATE_BENCH_WEBHOOK_SECRET", secret);
      List<String> jvm = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
      report.context("server JVM options", String.join(" ", jvm));
      report.context("server poll interval", POLL_INTERVAL.toSeconds() + " s");
      log("%s", "starting " + options.jar());
      server = ServerProcess.start(options.jar().toAbsolutePath(), work.resolve("data"), jvm, env);
      ServerProcess launched = server;
      Thread stopOnExit =
          new Thread(
              () -> {
                try {
                  launched.close();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      Runtime.getRuntime().addShutdownHook(stopOnExit);
      try {
        stub.push(
            PUSH_CHANNEL,
            URI.create(server.baseUrl() + "/upstream/v1/webhooks/" + PUSH_CHANNEL),
            secret);
        probeChannels();
        scenarios();
      } finally {
        report.context("load average at the end", loadAverage());
        server.close();
      }
    } finally {
      if (schema != null) {
        dropSchema(schema);
      }
      report.context(
          "wall time of the run",
          String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - started) / 1e9));
      goals();
      report.write(options.out());
      System.out.println(report.markdown());
      log("%s", "wrote " + options.out().resolve("report.json") + " and report.md");
      deleteTree(work);
    }
  }

  private void scenarios() throws Exception {
    if (options.runs("submit") || options.runs("status")) {
      scenario("submit", this::submitAndStatus);
    }
    if (options.runs("inflight")) {
      for (int n : options.inFlight()) {
        scenario("inflight", () -> inFlight(n, true));
        scenario("inflight", () -> inFlight(n, false));
      }
    }
    if (options.runs("slow_receiver")) {
      scenario("slow_receiver", this::slowReceiver);
    }
    if (options.runs("download")) {
      scenario("download", this::download);
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  /** Runs one scenario; a failure is reported under its name and the next scenario still runs. */
  private void scenario(String name, Step step) throws InterruptedException {
    long t0 = System.nanoTime();
    try {
      step.run();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      report.note(name, "failed: " + e);
    }
    log("%s: done in %.0f s", name, (System.nanoTime() - t0) / 1e9);
  }

  private final long runStart = System.nanoTime();

  private void log(String format, Object... args) {
    System.out.printf(
        Locale.ROOT,
        "[%5.0f s] %s%n",
        (System.nanoTime() - runStart) / 1e9,
        String.format(Locale.ROOT, format, args));
  }

  // ---------------------------------------------------------------- configuration

  private String config(String secret) {
    return """
        # generated by reelgate-bench
        reelgate:
          polling:
            interval: %ds
          channels:
            - id: %s
              protocol: openai-videos
              base-url: %s
              api-key: ${REELGATE_BENCH_UPSTREAM_KEY}
              route: official
              cost: 1
              max-concurrent: 100000
              request-timeout: 30s
              webhook-secret: ${REELGATE_BENCH_WEBHOOK_SECRET}
              models:
                %s: %s
            - id: %s
              protocol: openai-videos
              base-url: %s
              api-key: ${REELGATE_BENCH_UPSTREAM_KEY}
              route: official
              cost: 1
              max-concurrent: 100000
              request-timeout: 30s
              models:
                %s: %s
          models:
            %s:
              limits: {requests-per-minute: 100000000, concurrent-tasks: 100000000}
            %s:
              limits: {requests-per-minute: 100000000, concurrent-tasks: 100000000}
        """
        .formatted(
            POLL_INTERVAL.toSeconds(),
            PUSH_CHANNEL,
            stub.baseUrl(PUSH_CHANNEL),
            PUSH_MODEL,
            PUSH_MODEL,
            POLL_CHANNEL,
            stub.baseUrl(POLL_CHANNEL),
            POLL_MODEL,
            POLL_MODEL,
            PUSH_MODEL,
            POLL_MODEL);
  }

  /** Submits one task and checks that it reaches the stub upstream, not the local renderer. */
  private void probeChannels() throws Exception {
    stub.plan(new StubUpstream.Plan.Uniform(0, 0));
    long before = stub.creates();
    String taskId = submit(POLL_MODEL, null);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && stub.creates() == before) {
      Thread.sleep(100);
    }
    channels = stub.creates() > before;
    if (!channels) {
      channelsMissing =
          "the server did not hand a task to the configured stub upstream channel within 20 s"
              + " (this build has no channel configuration, so every model runs on the local"
              + " renderer)";
      report.context("upstream channels", "not available: " + channelsMissing);
      // the probe renders locally; it gives the download scenario a real result
      awaitSucceeded(List.of(taskId), Duration.ofMinutes(2));
      synchronized (succeededTasks) {
        succeededTasks.add(POLL_MODEL + " " + taskId);
      }
    } else {
      report.context(
          "upstream channels",
          PUSH_MODEL
              + " → "
              + PUSH_CHANNEL
              + " (push + poll), "
              + POLL_MODEL
              + " → "
              + POLL_CHANNEL
              + " (poll only), both openai-videos at the bench's stub");
      awaitSucceeded(List.of(taskId), Duration.ofSeconds(60));
    }
  }

  // ---------------------------------------------------------------- HTTP helpers

  private String submitBody(String model, String callbackUrl, long n) {
    String prompt = "benchmark clip of a lighthouse at dusk [bench:" + n + "]";
    String input =
        model.equals("sora-2")
            ? "{\"mode\":\"text-to-video\",\"prompt\":\"%s\",\"duration\":4,\"aspect_ratio\":\"landscape\"}"
                .formatted(prompt)
            : "{\"mode\":\"text-to-video\",\"prompt\":\"%s\",\"duration\":4,\"size\":\"1280*720\"}"
                .formatted(prompt);
    return callbackUrl == null
        ? "{\"request_type\":\"async\",\"input\":" + input + "}"
        : "{\"request_type\":\"callback\",\"callback_url\":\""
            + callbackUrl
            + "\",\"input\":"
            + input
            + "}";
  }

  private HttpRequest submitRequest(String base, String model, String body) {
    return HttpRequest.newBuilder(URI.create(base + "/api/v1/generateTask/" + model))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + API_KEY)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpRequest statusRequest(String base, String model, String taskId) {
    return HttpRequest.newBuilder(
            URI.create(base + "/api/v1/statusTask/" + model + "?taskId=" + taskId))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + API_KEY)
        .GET()
        .build();
  }

  /** Submits a task and returns its id; records the task's sequence number for the stub. */
  private String submit(String model, String callbackUrl) throws IOException, InterruptedException {
    long n = seq.getAndIncrement();
    HttpResponse<String> r =
        http.send(
            submitRequest(server.baseUrl(), model, submitBody(model, callbackUrl, n)),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("submit answered " + r.statusCode() + ": " + r.body());
    }
    JsonNode data = JSON.readTree(r.body()).path("data");
    String taskId = data.path("taskId").asString();
    if (taskId == null || taskId.isEmpty()) {
      throw new IllegalStateException("submit answered without a task id: " + r.body());
    }
    seqOfTask.put(taskId, n);
    return taskId;
  }

  private JsonNode status(String model, String taskId) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            statusRequest(server.baseUrl(), model, taskId), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("status answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body()).path("data");
  }

  /** Submits {@code count} tasks with the load generator's concurrency; returns their ids. */
  private List<String> submitMany(String model, int count, String callbackUrl, Latencies into)
      throws InterruptedException {
    AtomicReferenceArray<String> ids = new AtomicReferenceArray<>(count);
    Load.Result r =
        Load.run(
            options.concurrency(),
            count,
            TimeUnit.MINUTES.toNanos(20),
            i -> {
              ids.set(i, submit(model, callbackUrl));
              return true;
            });
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (ids.get(i) != null) {
        out.add(ids.get(i));
      }
    }
    if (out.size() < count) {
      log("%s", "  " + (count - out.size()) + " submissions failed");
    }
    return out;
  }

  // ---------------------------------------------------------------- scenarios

  private void submitAndStatus() throws Exception {
    String model = channels ? POLL_MODEL : "sora-2";
    if (!channels) {
      report.note(
          "submit",
          "Tasks went to the local renderer ("
              + channelsMissing
              + "); they stay queued behind it.");
    }
    stub.plan(new StubUpstream.Plan.Hold());
    int n = options.requests();
    int c = options.concurrency();
    // Real answers of the server, copied byte for byte into the baseline.
    String firstId = submit(model, null);
    HttpResponse<byte[]> submitAnswer =
        http.send(
            submitRequest(server.baseUrl(), model, submitBody(model, null, seq.getAndIncrement())),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> statusAnswer =
        http.send(
            statusRequest(server.baseUrl(), model, firstId),
            HttpResponse.BodyHandlers.ofByteArray());
    try (Baseline baseline = new Baseline(submitAnswer.body(), statusAnswer.body())) {
      log("%s", "submit: warm-up");
      submitMany(model, Math.min(1_000, n / 4), null, null);
      String bodyTemplate = submitBody(model, null, 0);
      Load.run(
          c,
          n / 4,
          TimeUnit.MINUTES.toNanos(5),
          i -> ok(baselineSubmit(baseline, model, bodyTemplate)));
      log("%s", "submit: baseline");
      Load.Result base =
          Load.run(
              c,
              n,
              TimeUnit.MINUTES.toNanos(5),
              i -> ok(baselineSubmit(baseline, model, bodyTemplate)));
      base.latencies().report(report, "submit.baseline", base.wallNanos(), "requests/s");
      log("%s", "submit: server");
      Path jfr = options.out().resolve("submit.jfr");
      if (options.profile()) {
        server.startRecording("submit");
      }
      AtomicReferenceArray<String> ids = new AtomicReferenceArray<>(n);
      long cpu0 = server.cpuNanos();
      Load.Result sut =
          Load.run(
              c,
              n,
              TimeUnit.MINUTES.toNanos(10),
              i -> {
                ids.set(i, submit(model, null));
                return true;
              });
      report.note(
          "submit",
          String.format(
              Locale.ROOT,
              "APIXO `generateTask/%s`, %d requests after a warm-up, %d at a time (closed loop),"
                  + " on the %s. Ratio = server throughput / baseline throughput.",
              model,
              n,
              c,
              channels ? "stub upstream (jobs accepted at once and held)" : "local renderer"));
      if (options.profile()) {
        Files.createDirectories(options.out());
        server.stopRecording("submit", jfr);
        report.note(
            "submit",
            "Profile of the server during the measured submissions (" + jfr.getFileName() + "):");
        report.note("submit", "");
        for (String line : Profile.summarise(jfr, 12)) {
          report.note("submit", line);
        }
      }
      sut.latencies().report(report, "submit.server", sut.wallNanos(), "requests/s");
      cpuPerItem("submit.server.cpu_per_request", cpu0, n);
      ratio("submit", base, sut);
      List<String> taskIds = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (ids.get(i) != null) {
          taskIds.add(ids.get(i));
        }
      }

      if (options.runs("status")) {
        log("%s", "status: baseline");
        Load.run(
            c,
            n,
            TimeUnit.MINUTES.toNanos(5),
            i -> ok(baselineStatus(baseline, model, taskIds.get(i % taskIds.size()))));
        Load.Result bs =
            Load.run(
                c,
                n * 2,
                TimeUnit.MINUTES.toNanos(5),
                i -> ok(baselineStatus(baseline, model, taskIds.get(i % taskIds.size()))));
        bs.latencies().report(report, "status.baseline", bs.wallNanos(), "requests/s");
        log("%s", "status: server");
        Load.run(c, n, TimeUnit.MINUTES.toNanos(5), i -> status(model, random(taskIds)) != null);
        Path statusJfr = options.out().resolve("status.jfr");
        if (options.profile()) {
          server.startRecording("status");
        }
        long statusCpu0 = server.cpuNanos();
        Load.Result ss =
            Load.run(
                c,
                n * 2,
                TimeUnit.MINUTES.toNanos(5),
                i ->
                    ok(
                        http.send(
                            statusRequest(server.baseUrl(), model, random(taskIds)),
                            HttpResponse.BodyHandlers.ofByteArray())));
        ss.latencies().report(report, "status.server", ss.wallNanos(), "requests/s");
        cpuPerItem("status.server.cpu_per_request", statusCpu0, n * 2);
        if (options.profile()) {
          server.stopRecording("status", statusJfr);
        }
        ratio("status", bs, ss);
        report.note(
            "status",
            String.format(
                Locale.ROOT,
                "APIXO `statusTask/%s` of random tasks among the %d just submitted (%s),"
                    + " %d requests after a warm-up, %d at a time.",
                model,
                taskIds.size(),
                channels
                    ? "all running at the stub upstream, polled by the server meanwhile"
                    : "queued",
                n * 2,
                c));
        if (options.profile()) {
          report.note("status", "");
          report.note(
              "status", "Profile of the server during the measured status reads (status.jfr):");
          report.note("status", "");
          for (String line : Profile.summarise(statusJfr, 12)) {
            report.note("status", line);
          }
        }
      }
      if (channels) {
        log("%s", "submit: draining " + taskIds.size() + " held tasks");
        // tasks not yet handed over when the jobs are failed fail on arrival
        stub.plan(new StubUpstream.Plan.Fail());
        stub.failAll();
        awaitTerminal(POLL_MODEL, taskIds, Duration.ofMinutes(options.quick() ? 3 : 10));
      }
    }
  }

  private HttpResponse<byte[]> baselineSubmit(Baseline baseline, String model, String body)
      throws IOException, InterruptedException {
    return http.send(
        submitRequest(baseline.baseUrl(), model, body), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> baselineStatus(Baseline baseline, String model, String taskId)
      throws IOException, InterruptedException {
    return http.send(
        statusRequest(baseline.baseUrl(), model, taskId), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static boolean ok(HttpResponse<?> r) {
    return r.statusCode() == 200;
  }

  private static String random(List<String> ids) {
    return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
  }

  /**
   * CPU time of the server process since {@code cpu0} per item: a figure that competing load on the
   * machine inflates far less than latency or throughput.
   */
  private void cpuPerItem(String metric, long cpu0, int items) {
    long used = server.cpuNanos() - cpu0;
    if (cpu0 > 0 && used > 0 && items > 0) {
      report.put(metric, used / 1e6 / items, "ms");
    }
  }

  private void ratio(String scenario, Load.Result baseline, Load.Result server) {
    double b = baseline.latencies().histogram().getTotalCount() / (baseline.wallNanos() / 1e9);
    double s = server.latencies().histogram().getTotalCount() / (server.wallNanos() / 1e9);
    report.put(scenario + ".throughput_ratio_to_baseline", s / b, "1");
    double bp = baseline.latencies().histogram().getValueAtPercentile(99);
    double sp = server.latencies().histogram().getValueAtPercentile(99);
    if (bp > 0) {
      report.put(scenario + ".p99_ratio_to_baseline", sp / bp, "1");
    }
  }

  /**
   * {@code n} tasks in flight at the stub, then released over a spread of time: how long from each
   * job's completion at the upstream to its webhook at the receiver. Heap per task in flight is
   * measured while all {@code n} are held.
   */
  private void inFlight(int n, boolean push) throws Exception {
    String name = "inflight_" + (push ? "push" : "poll") + "_" + n;
    if (!channels) {
      report.note("inflight", "`" + name + "`: not run: " + channelsMissing + ".");
      if (push && n == options.inFlight().get(0)) {
        report.note("memory", "not run: " + channelsMissing + ".");
      }
      return;
    }
    log("%s", name + ": submitting");
    String model = push ? PUSH_MODEL : POLL_MODEL;
    stub.plan(new StubUpstream.Plan.Hold());
    stub.clear();
    fast.clear();
    long heapBefore = server.heapAfterGc();
    long createsBefore = stub.creates();
    List<String> ids = submitMany(model, n, fast.url(), null);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + n / 20);
    while (System.nanoTime() < deadline && stub.creates() - createsBefore < ids.size()) {
      Thread.sleep(200);
    }
    long dispatched = stub.creates() - createsBefore;
    if (dispatched < ids.size()) {
      report.note(
          "inflight",
          "`"
              + name
              + "`: only "
              + dispatched
              + " of "
              + ids.size()
              + " tasks reached the upstream in time.");
    }
    Thread.sleep(2_000);
    long heapWith = server.heapAfterGc();
    report.put(
        "memory." + name + ".heap_per_task",
        (heapWith - heapBefore) / (double) Math.max(1, dispatched),
        "bytes");
    report.put("memory." + name + ".heap_before", heapBefore / 1048576.0, "MiB");
    report.put("memory." + name + ".heap_with_tasks", heapWith / 1048576.0, "MiB");
    if (push && n == options.inFlight().get(0)) {
      report.note(
          "memory",
          "Heap of the server after a full GC (`jcmd GC.run` then `GC.heap_info`) right before"
              + " submitting the tasks of an in-flight run and again 2 s after all of them reached"
              + " the stub upstream; the difference divided by the number of tasks. It includes"
              + " everything a task adds to the process: polling state, caches, and the embedded"
              + " database's page cache on H2. `heap_per_task_vs_after_completion` compares with"
              + " the heap after the same tasks finished and were delivered instead, which leaves"
              + " out what stays with a finished task (its rows in the database's cache).");
    }
    long spread = n >= 5_000 ? 30_000 : 10_000;
    if (options.quick()) {
      spread = 5_000;
    }
    log("%s", name + ": releasing " + dispatched + " jobs over " + spread + " ms");
    Path jfr = options.out().resolve(name + ".jfr");
    boolean record =
        options.profile() && n == options.inFlight().get(options.inFlight().size() - 1);
    if (record) {
      server.startRecording(name);
    }
    long releaseCpu = server.cpuNanos();
    long released = System.nanoTime();
    stub.releaseAll(spread);
    long wait = spread + POLL_INTERVAL.toMillis() + 60_000 + n * 20L;
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
    while (System.nanoTime() < end && fast.tasks() < ids.size()) {
      Thread.sleep(200);
    }
    if (record) {
      server.stopRecording(name, jfr);
    }
    cpuPerItem("inflight." + name + ".cpu_per_task", releaseCpu, ids.size());
    // the same tasks, finished and delivered: what remains is no longer in-flight state
    long heapAfter = server.heapAfterGc();
    report.put("memory." + name + ".heap_after_completion", heapAfter / 1048576.0, "MiB");
    report.put(
        "memory." + name + ".heap_per_task_vs_after_completion",
        (heapWith - heapAfter) / (double) Math.max(1, dispatched),
        "bytes");
    Latencies lat = new Latencies();
    long last = released;
    int missing = 0;
    for (String id : ids) {
      Long arrival = fast.arrival(id);
      StubUpstream.Job job = stub.bySeq(seqOfTask.getOrDefault(id, -1L));
      if (arrival == null || job == null || job.completedNanos() == 0) {
        missing++;
        lat.error();
        continue;
      }
      lat.recordNanos(arrival - job.completedNanos());
      last = Math.max(last, arrival);
    }
    lat.report(report, "inflight." + name, last - released, "webhooks/s");
    report.put("inflight." + name + ".missing", missing, "1");
    report.note(
        "inflight",
        String.format(
            Locale.ROOT,
            "`%s`: %d tasks (`%s`, callback to a fast receiver) held in progress at the stub,"
                + " then completed uniformly over %d s; latency = upstream completion → webhook"
                + " received; %s; throughput = webhooks / (last arrival − release).",
            name,
            ids.size(),
            model,
            spread / 1000,
            push
                ? "the stub pushes a signed `video.completed` at completion"
                : "no push: polling only, every " + POLL_INTERVAL.toSeconds() + " s"));
    if (record) {
      report.note("inflight", "");
      report.note(
          "inflight",
          "Profile of the server while `" + name + "` completed (" + jfr.getFileName() + "):");
      report.note("inflight", "");
      for (String line : Profile.summarise(jfr, 12)) {
        report.note("inflight", line);
      }
    }
    synchronized (succeededTasks) {
      for (String id : ids) {
        if (fast.arrival(id) != null && succeededTasks.size() < 200) {
          succeededTasks.add(model + " " + id);
        }
      }
    }
  }

  /** Webhooks to a fast receiver while a receiver that takes 2 s per webhook gets its share. */
  private void slowReceiver() throws Exception {
    if (!channels) {
      report.note("slow_receiver", "not run: " + channelsMissing + ".");
      return;
    }
    int n = options.slowReceiverTasks();
    int slowCount = Math.max(20, n / 5);
    log("%s", "slow_receiver: " + n + " fast + " + slowCount + " slow");
    stub.plan(new StubUpstream.Plan.Hold());
    stub.clear();
    fast.clear();
    slow.clear();
    long createsBefore = stub.creates();
    List<String> slowIds = submitMany(PUSH_MODEL, slowCount, slow.url(), null);
    List<String> fastIds = submitMany(PUSH_MODEL, n, fast.url(), null);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline
        && stub.creates() - createsBefore < slowIds.size() + fastIds.size()) {
      Thread.sleep(200);
    }
    long released = System.nanoTime();
    stub.releaseAll(0);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < end && fast.tasks() < fastIds.size()) {
      Thread.sleep(100);
    }
    long fastDone = System.nanoTime();
    Latencies lat = new Latencies();
    long last = released;
    for (String id : fastIds) {
      Long arrival = fast.arrival(id);
      StubUpstream.Job job = stub.bySeq(seqOfTask.getOrDefault(id, -1L));
      if (arrival == null || job == null || job.completedNanos() == 0) {
        lat.error();
        continue;
      }
      lat.recordNanos(arrival - job.completedNanos());
      last = Math.max(last, arrival);
    }
    lat.report(report, "slow_receiver.fast", last - released, "webhooks/s");
    report.put("slow_receiver.slow.delivered_meanwhile", slow.tasks(), "1");
    report.put(
        "slow_receiver.slow.throughput",
        slow.tasks() / ((fastDone - released) / 1e9),
        "webhooks/s");
    report.note(
        "slow_receiver",
        String.format(
            Locale.ROOT,
            "%d tasks with a callback to a fast receiver and %d to a receiver that takes 2 s per"
                + " webhook, all completed at the stub at the same instant (push). Figures of the"
                + " fast receiver: latency = upstream completion → webhook received, throughput ="
                + " webhooks / (last arrival − completion). The slow receiver's deliveries in the"
                + " same time are counted.",
            fastIds.size(),
            slowIds.size()));
  }

  /** Random 64 KiB Range requests on stored results. */
  private void download() throws Exception {
    List<String> urls = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    synchronized (succeededTasks) {
      sources.addAll(succeededTasks);
    }
    if (sources.isEmpty()) {
      // make a result: on the stub when there are channels, else with the local renderer
      String model = channels ? POLL_MODEL : "sora-2";
      if (channels) {
        stub.plan(new StubUpstream.Plan.Uniform(0, 0));
      }
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < (channels ? 20 : 1); i++) {
        ids.add(submit(model, null));
      }
      awaitSucceeded(ids, Duration.ofMinutes(3));
      ids.forEach(id -> sources.add(model + " " + id));
    }
    for (String s : sources.subList(0, Math.min(50, sources.size()))) {
      String[] parts = s.split(" ");
      JsonNode data = status(parts[0], parts[1]);
      if ("success".equals(data.path("state").asString())) {
        JsonNode result = JSON.readTree(data.path("resultJson").asString());
        urls.add(result.path("resultUrls").get(0).asString());
      }
    }
    if (urls.isEmpty()) {
      report.note("download", "not run: no task succeeded to download from.");
      return;
    }
    HttpResponse<byte[]> whole =
        http.send(
            HttpRequest.newBuilder(URI.create(urls.get(0))).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    int length = whole.body().length;
    int chunk = Math.min(65_536, length);
    AtomicLong bytes = new AtomicLong();
    log("%s", "download: " + urls.size() + " results of " + length + " bytes");
    Load.Result r =
        Load.run(
            8,
            Integer.MAX_VALUE,
            TimeUnit.SECONDS.toNanos(options.downloadSeconds()),
            i -> {
              int start = ThreadLocalRandom.current().nextInt(Math.max(1, length - chunk + 1));
              HttpResponse<byte[]> res =
                  http.send(
                      HttpRequest.newBuilder(URI.create(urls.get(i % urls.size())))
                          .header("Range", "bytes=" + start + "-" + (start + chunk - 1))
                          .build(),
                      HttpResponse.BodyHandlers.ofByteArray());
              bytes.addAndGet(res.body().length);
              return res.statusCode() == 206 && res.body().length == chunk;
            });
    r.latencies().report(report, "download", r.wallNanos(), "requests/s");
    report.put(
        "download.bytes_per_second", bytes.get() / (r.wallNanos() / 1e9) / 1048576.0, "MiB/s");
    report.note(
        "download",
        String.format(
            Locale.ROOT,
            "Random %d-byte `Range` requests (answered 206) on %d stored results of %d bytes at"
                + " their signed URLs, 8 at a time for %d s.",
            chunk,
            urls.size(),
            length,
            options.downloadSeconds()));
  }

  // ---------------------------------------------------------------- render

  /** Frames per second of the local renderer at 720p and 1080p; returns a 720p clip. */
  private byte[] renderBenchmark(Path work) throws Exception {
    LocalRenderer renderer = new LocalRenderer(Runtime.getRuntime().availableProcessors());
    int[][] sizes = {{1280, 720}, {1920, 1080}};
    int seconds = options.quick() ? 2 : 4;
    Path video = work.resolve("clip.mp4");
    Path poster = work.resolve("clip.jpg");
    if (!options.runs("render")) {
      renderer.render(spec(sizes[0], seconds), video, poster);
      return Files.readAllBytes(video);
    }
    log("%s", "render: warm-up");
    for (int[] size : sizes) {
      for (int i = 0; i < options.renderWarmups(); i++) {
        renderer.render(spec(size, seconds), video, poster);
      }
    }
    byte[] clip = null;
    for (int[] size : sizes) {
      String name = size[1] + "p";
      double[] fps = new double[options.renderRuns()];
      for (int r = 0; r < fps.length; r++) {
        System.gc();
        long t0 = System.nanoTime();
        RenderResult result = renderer.render(spec(size, seconds), video, poster);
        fps[r] = result.frames() / ((System.nanoTime() - t0) / 1e9);
      }
      Arrays.sort(fps);
      double median = fps[fps.length / 2];
      report.put("render." + name + ".frames_per_second", median, "frames/s");
      report.put("render." + name + ".realtime_factor", median / RenderSpec.DEFAULT_FPS, "x");
      if (size[1] == 720) {
        clip = Files.readAllBytes(video);
      }
    }
    report.note(
        "render",
        String.format(
            Locale.ROOT,
            "`LocalRenderer` in the benchmark's own JVM (%d threads), text-to-video clips of %d s at"
                + " %d fps, median of %d timed renders after %d warm-ups per size; real-time factor ="
                + " seconds of video per second of wall time. Runs before the server starts.",
            renderer.threads(),
            seconds,
            RenderSpec.DEFAULT_FPS,
            options.renderRuns(),
            options.renderWarmups()));
    return clip;
  }

  private static RenderSpec spec(int[] size, int seconds) {
    return new RenderSpec(
        RenderMode.TEXT,
        size[0],
        size[1],
        seconds,
        RenderSpec.DEFAULT_FPS,
        "lanterns drifting over a harbour city at dusk, slow pan",
        2026,
        List.of());
  }

  // ---------------------------------------------------------------- waiting

  private void awaitSucceeded(List<String> ids, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String id : ids) {
      String model = null;
      while (System.nanoTime() < deadline) {
        String state = "";
        for (String m : List.of(POLL_MODEL, PUSH_MODEL)) {
          try {
            state = status(m, id).path("state").asString();
            model = m;
            break;
          } catch (IllegalStateException notThisModel) {
            // try the other
          }
        }
        if (state.equals("success") || state.equals("failed")) {
          break;
        }
        Thread.sleep(250);
      }
      if (model == null) {
        throw new IllegalStateException("task " + id + " not readable");
      }
    }
  }

  /** Waits until every task is finished (any final state), reading their status in passes. */
  private void awaitTerminal(String model, List<String> ids, Duration timeout) throws Exception {
    List<String> open = new ArrayList<>(ids);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      List<String> still = java.util.Collections.synchronizedList(new ArrayList<>());
      List<String> pass = List.copyOf(open);
      Load.run(
          8,
          pass.size(),
          TimeUnit.MINUTES.toNanos(5),
          i -> {
            String state = status(model, pass.get(i)).path("state").asString();
            if (!state.equals("success") && !state.equals("failed")) {
              still.add(pass.get(i));
            }
            return true;
          });
      open = new ArrayList<>(still);
      if (!open.isEmpty()) {
        Thread.sleep(1_000);
      }
    }
    if (!open.isEmpty()) {
      log("%s", "  " + open.size() + " tasks still open after " + timeout);
    }
  }

  // ---------------------------------------------------------------- goals

  private void goals() {
    Map<String, Report.Metric> m = report.metrics();
    List<String> lines = new ArrayList<>();
    lines.add("| goal | measured | verdict |");
    lines.add("|---|---|---|");
    goal(
        lines,
        m,
        "status throughput ≥ 50% of the baseline",
        "status.throughput_ratio_to_baseline",
        0.5,
        true,
        "%.0f%% of the baseline",
        100);
    goal(lines, m, "status p99 ≤ 5 ms", "status.server.p99", 5, false, "%.2f ms", 1);
    goal(
        lines,
        m,
        "submissions ≥ 2,000/s" + (options.db().equals("h2") ? "" : " (goal is for H2)"),
        "submit.server.throughput",
        2000,
        true,
        "%.0f/s",
        1);
    goal(lines, m, "submit p99 ≤ 25 ms", "submit.server.p99", 25, false, "%.2f ms", 1);
    int big = options.inFlight().get(options.inFlight().size() - 1);
    goal(
        lines,
        m,
        "push: completion noticed within 1 s (p95) at " + big + " in flight",
        "inflight.inflight_push_" + big + ".p95",
        1000,
        false,
        "%.0f ms",
        1);
    goal(
        lines,
        m,
        "polling: within interval + 1 s = "
            + (POLL_INTERVAL.toMillis() + 1000)
            + " ms (p95) at "
            + big
            + " in flight",
        "inflight.inflight_poll_" + big + ".p95",
        POLL_INTERVAL.toMillis() + 1000,
        false,
        "%.0f ms",
        1);
    goal(
        lines,
        m,
        "≤ 2 KiB of heap per task in flight (" + big + " push)",
        "memory.inflight_push_" + big + ".heap_per_task",
        2048,
        false,
        "%.0f bytes",
        1);
    goal(
        lines,
        m,
        "local 720p render ≥ 1× real time",
        "render.720p.realtime_factor",
        1.0,
        true,
        "%.2f×",
        1);
    if (options.quick() && big < 10_000) {
      lines.add("");
      lines.add(
          "Quick mode runs "
              + big
              + " tasks in flight instead of 10,000; the full mode runs 10,000.");
    }
    for (String line : lines) {
      report.note("goals", line);
    }
  }

  private static void goal(
      List<String> lines,
      Map<String, Report.Metric> m,
      String text,
      String metric,
      double target,
      boolean atLeast,
      String format,
      double scale) {
    Report.Metric v = m.get(metric);
    if (v == null) {
      lines.add("| " + text + " | not run | — |");
      return;
    }
    boolean met = atLeast ? v.value() >= target : v.value() <= target;
    double by = atLeast ? v.value() / target : v.value() / target;
    String verdict =
        met
            ? "met"
            : String.format(
                Locale.ROOT,
                "not met: %s",
                atLeast
                    ? String.format(Locale.ROOT, "%.0f%% of the goal", by * 100)
                    : String.format(Locale.ROOT, "%.1f× the limit", by));
    lines.add(
        "| "
            + text
            + " | "
            + String.format(Locale.ROOT, format, v.value() * scale)
            + " | "
            + verdict
            + " |");
  }

  // ---------------------------------------------------------------- machine, database, files

  private void describeMachine() throws IOException, InterruptedException {
    report.context("date", Instant.now().toString());
    report.context("mode", options.quick() ? "quick" : "full");
    report.context("processors", Runtime.getRuntime().availableProcessors());
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    report.context(
        "memory", String.format(Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / 1073741824.0));
    String pretty = System.getProperty("os.name") + " " + System.getProperty("os.version");
    Path release = Path.of("/etc/os-release");
    if (Files.exists(release)) {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("PRETTY_NAME=")) {
          pretty =
              line.substring(12).replace("\"", "") + " (" + System.getProperty("os.version") + ")";
        }
      }
    }
    report.context("OS", pretty);
    report.context(
        "JDK",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    report.context("load average at the start", loadAverage());
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
              .redirectErrorStream(true)
              .start();
      String rev = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (git.waitFor() == 0) {
        report.context("commit", rev);
      }
    } catch (IOException noGit) {
      // not in a checkout
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private void createSchema(String schema) throws SQLException {
    try (Connection c = DriverManager.getConnection(options.postgresUrl())) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    }
  }

  private void dropSchema(String schema) {
    try (Connection c = DriverManager.getConnection(options.postgresUrl())) {
      c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop schema " + schema + ": " + e.getMessage());
    }
  }

  static String userOf(String jdbcUrl) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("[?&]user=([^&]*)").matcher(jdbcUrl);
    return m.find() ? m.group(1) : "postgres";
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
