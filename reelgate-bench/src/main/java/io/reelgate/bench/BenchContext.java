package io.reelgate.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * What the scenarios of one run share: the options, the report, the server nodes, the stub
 * upstream, the webhook receivers, the HTTP client and the tasks made so far, plus the requests and
 * waits that several scenarios use.
 */
final class BenchContext {
  static final String API_KEY = "rg_bench_" + Long.toHexString(System.nanoTime());
  static final String ADMIN_TOKEN = "bench-admin-" + java.util.UUID.randomUUID();

  /** The channel whose stub jobs push {@code video.completed}; it serves {@code sora-2}. */
  static final String PUSH_CHANNEL = "stub-push";

  static final String PUSH_MODEL = "sora-2";

  /** The channel noticed by polling only; it serves {@code sora-2-pro}. */
  static final String POLL_CHANNEL = "stub-poll";

  static final String POLL_MODEL = "sora-2-pro";

  /** The server's poll interval in the generated configuration. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

  static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Most finished tasks remembered for the download scenario. */
  private static final int SUCCEEDED_KEPT = 200;

  private final Options options;
  private final Report report;
  private final ServerCluster servers;
  private final StubUpstream stub;
  private final WebhookReceiver fast;
  private final WebhookReceiver slow;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          // why: with REELGATE_STORAGE_S3_DOWNLOADS=redirect a result URL answers with a redirect
          // to the store
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final AtomicLong seq = new AtomicLong(1);
  private final Map<String, Long> seqOfTask = new ConcurrentHashMap<>();
  private final List<String> succeededTasks = new ArrayList<>();
  private volatile boolean channels;
  private volatile String channelsMissing = "";

  BenchContext(
      Options options,
      Report report,
      ServerCluster servers,
      StubUpstream stub,
      WebhookReceiver fast,
      WebhookReceiver slow) {
    this.options = options;
    this.report = report;
    this.servers = servers;
    this.stub = stub;
    this.fast = fast;
    this.slow = slow;
  }

  Options options() {
    return options;
  }

  Report report() {
    return report;
  }

  ServerCluster servers() {
    return servers;
  }

  StubUpstream stub() {
    return stub;
  }

  /** The receiver that answers at once. */
  WebhookReceiver fast() {
    return fast;
  }

  /** The receiver that takes 2 s per webhook. */
  WebhookReceiver slow() {
    return slow;
  }

  HttpClient http() {
    return http;
  }

  /** Whether the server hands tasks to the stub upstream (see {@link #probeChannels}). */
  boolean channels() {
    return channels;
  }

  /** Why the stub upstream is not used, when it is not. */
  String channelsMissing() {
    return channelsMissing;
  }

  /** The next benchmark sequence number (it goes into the prompt). */
  long nextSeq() {
    return seq.getAndIncrement();
  }

  // ---------------------------------------------------------------- requests

  /** Submits a task and returns its id; records the task's sequence number for the stub. */
  String submit(String model, String callbackUrl) throws IOException, InterruptedException {
    long n = nextSeq();
    HttpResponse<String> r =
        http.send(
            Apixo.submitRequest(
                servers.baseUrl(), API_KEY, model, Apixo.submitBody(model, callbackUrl, n)),
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

  /** The {@code data} of a task's status; anything but 200 is an error. */
  JsonNode status(String model, String taskId) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            Apixo.statusRequest(servers.baseUrl(), API_KEY, model, taskId),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("status answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body()).path("data");
  }

  /** Submits {@code count} tasks with the load generator's concurrency; returns their ids. */
  List<String> submitMany(String model, int count, String callbackUrl) throws InterruptedException {
    AtomicReferenceArray<String> ids = new AtomicReferenceArray<>(count);
    Load.run(
        options.concurrency(),
        count,
        TimeUnit.MINUTES.toNanos(20),
        i -> {
          ids.set(i, submit(model, callbackUrl));
          return true;
        });
    List<String> out = present(ids);
    if (out.size() < count) {
      Log.line("%s", "  " + (count - out.size()) + " submissions failed");
    }
    return out;
  }

  /** The ids a load run collected, without the calls that failed. */
  static List<String> present(AtomicReferenceArray<String> ids) {
    List<String> out = new ArrayList<>(ids.length());
    for (int i = 0; i < ids.length(); i++) {
      if (ids.get(i) != null) {
        out.add(ids.get(i));
      }
    }
    return out;
  }

  /** The stub upstream's job of a task submitted by this run, or null. */
  StubUpstream.Job jobOf(String taskId) {
    return stub.bySeq(seqOfTask.getOrDefault(taskId, -1L));
  }

  /** The benchmark sequence number of a task submitted by this run, or -1. */
  long seqOf(String taskId) {
    return seqOfTask.getOrDefault(taskId, -1L);
  }

  /** Remembers a finished task ({@code "<model> <id>"}) for the download scenario. */
  void rememberSucceeded(String model, String taskId) {
    synchronized (succeededTasks) {
      if (succeededTasks.size() < SUCCEEDED_KEPT) {
        succeededTasks.add(model + " " + taskId);
      }
    }
  }

  /** The finished tasks remembered so far, as {@code "<model> <id>"}. */
  List<String> succeeded() {
    synchronized (succeededTasks) {
      return List.copyOf(succeededTasks);
    }
  }

  static boolean ok(HttpResponse<?> r) {
    return r.statusCode() == 200;
  }

  static String random(List<String> ids) {
    return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
  }

  // ---------------------------------------------------------------- figures

  /**
   * CPU time of the server nodes since {@code cpu0} per item: a figure that competing load on the
   * machine inflates far less than latency or throughput.
   */
  void cpuPerItem(String metric, long cpu0, long items) {
    long used = servers.cpuNanos() - cpu0;
    if (cpu0 > 0 && used > 0 && items > 0) {
      report.put(metric, used / 1e6 / items, "ms");
    }
  }

  /** {@code <scenario>.throughput_ratio_to_baseline} and {@code .p99_ratio_to_baseline}. */
  void ratio(String scenario, Load.Result baseline, Load.Result server) {
    double b = baseline.latencies().histogram().getTotalCount() / (baseline.wallNanos() / 1e9);
    double s = server.latencies().histogram().getTotalCount() / (server.wallNanos() / 1e9);
    report.put(scenario + ".throughput_ratio_to_baseline", s / b, "1");
    double bp = baseline.latencies().histogram().getValueAtPercentile(99);
    double sp = server.latencies().histogram().getValueAtPercentile(99);
    if (bp > 0) {
      report.put(scenario + ".p99_ratio_to_baseline", sp / bp, "1");
    }
  }

  // ---------------------------------------------------------------- profiles

  /** Starts a flight recording on every node when profiling is on. */
  void startProfile(String name) throws IOException, InterruptedException {
    if (options.profile()) {
      servers.startRecording(name);
    }
  }

  /** Stops the recording started by {@link #startProfile}; returns its files (none when off). */
  List<Path> stopProfile(String name) throws IOException, InterruptedException {
    if (!options.profile()) {
      return List.of();
    }
    Files.createDirectories(options.out());
    return servers.stopRecording(name, options.out());
  }

  /** Adds the summary of recordings under {@code section}, after a line naming them. */
  void noteProfile(String section, String what, List<Path> files) throws IOException {
    if (files.isEmpty()) {
      return;
    }
    report.note(
        section,
        "Profile of the server "
            + what
            + " ("
            + String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList())
            + "):");
    report.note(section, "");
    for (String line : Profile.summarise(files, 12)) {
      report.note(section, line);
    }
  }

  // ---------------------------------------------------------------- waiting

  /** Submits one task and checks that it reaches the stub upstream, not the local renderer. */
  void probeChannels() throws Exception {
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
      rememberSucceeded(POLL_MODEL, taskId);
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

  /** Waits until each task is finished (success or failed), trying both models' status paths. */
  void awaitSucceeded(List<String> ids, Duration timeout) throws Exception {
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
  void awaitTerminal(String model, List<String> ids, Duration timeout) throws Exception {
    List<String> open = new ArrayList<>(ids);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      List<String> still = Collections.synchronizedList(new ArrayList<>());
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
      Log.line("%s", "  " + open.size() + " tasks still open after " + timeout);
    }
  }
}
