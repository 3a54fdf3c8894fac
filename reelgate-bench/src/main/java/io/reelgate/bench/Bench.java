package io.reelgate.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark suite. It renders with the local renderer in this process, then starts a stub
 * upstream, webhook receivers, optionally an S3-compatible server, and one or two fresh {@code
 * reelgate-server.jar} processes wired to them, runs the selected scenarios against them and writes
 * {@code report.json} and {@code report.md}. See {@code docs/benchmarks.md}.
 */
public final class Bench {
  private final Options options;
  private final Report report = new Report();

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
    Log.line(
        "%s mode, %s, %d node(s), storage %s",
        options.quick() ? "quick" : "full", options.db(), options.nodes(), options.storage());
    Files.createDirectories(options.out());
    Machine.describe(report, options);
    Path work = Files.createTempDirectory("reelgate-bench");
    byte[] clip = new RenderScenario(options, report).run(work);
    String schema = null;
    try (StubUpstream stub = new StubUpstream(clip);
        WebhookReceiver fast = new WebhookReceiver(0);
        WebhookReceiver slow = new WebhookReceiver(2_000);
        S3Store s3 = options.s3() ? S3Store.start() : null) {
      stub.latencyMillis(options.upstreamLatencyMillis());
      report.context("stub upstream answer latency", options.upstreamLatencyMillis() + " ms");
      Map<String, String> env = new LinkedHashMap<>();
      if (options.db().equals("postgres")) {
        schema = "reelgate_bench_" + Long.toHexString(System.currentTimeMillis());
        createSchema(schema);
        env.putAll(ServerSetup.postgresEnv(options.postgresUrl(), schema));
        report.context("database", "PostgreSQL, schema " + schema + " (dropped afterwards)");
      } else {
        report.context("database", "H2 (embedded file database)");
      }
      String secret = "whsec_" + Base64.getEncoder().encodeToString(randomBytes(32));
      Path config = work.resolve("bench.yml");
      Files.writeString(
          config,
          ServerSetup.config(
              stub.baseUrl(BenchContext.PUSH_CHANNEL), stub.baseUrl(BenchContext.POLL_CHANNEL)));
      env.putAll(ServerSetup.baseEnv(config, secret));
      if (s3 != null) {
        env.putAll(s3.env());
        report.context(
            "storage",
            "S3 (in-process S3Proxy, file blob store in a temporary directory, bucket "
                + S3Store.BUCKET
                + " at "
                + s3.endpoint()
                + ", path-style)");
      } else {
        report.context("storage", "local (each node's data directory)");
      }
      report.context("server JVM options", String.join(" ", ServerSetup.JVM_OPTIONS));
      report.context("server poll interval", BenchContext.POLL_INTERVAL.toSeconds() + " s");
      report.context(
          "server nodes",
          options.nodes() == 1
              ? "1"
              : options.nodes()
                  + " on the same database, requests spread round-robin, CPU and heap added up"
                  + " (they share this machine's cores)");
      Log.line("%s", "starting " + options.jar() + " × " + options.nodes());
      ServerCluster servers =
          ServerCluster.start(
              options.nodes(), options.jar().toAbsolutePath(), work, ServerSetup.JVM_OPTIONS, env);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(servers)));
      try {
        stub.push(
            BenchContext.PUSH_CHANNEL,
            servers.baseUrls().stream()
                .map(b -> URI.create(b + "/upstream/v1/webhooks/" + BenchContext.PUSH_CHANNEL))
                .toList(),
            secret);
        BenchContext ctx = new BenchContext(options, report, servers, stub, fast, slow);
        ctx.probeChannels();
        scenarios(ctx);
        if (s3 != null) {
          storage(ctx, s3);
        }
      } finally {
        report.context("load average at the end", Machine.loadAverage());
        servers.close();
      }
    } finally {
      if (schema != null) {
        dropSchema(schema);
      }
      report.context(
          "wall time of the run",
          String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - started) / 1e9));
      for (String line : Goals.lines(report.metrics(), options)) {
        report.note("goals", line);
      }
      report.write(options.out());
      System.out.println(report.markdown());
      Log.line("%s", "wrote " + options.out().resolve("report.json") + " and report.md");
      deleteTree(work);
    }
  }

  /** The selected scenarios against the started servers, in the order of {@link Options#ALL}. */
  private void scenarios(BenchContext ctx) throws InterruptedException {
    List<String> readers = List.of("status", "status_etag").stream().filter(options::runs).toList();
    if (options.runs("submit") || !readers.isEmpty()) {
      SubmitScenario submit = new SubmitScenario();
      run(ctx, submit);
      HeldTasks held = submit.held();
      if (held == null) {
        readers.forEach(r -> report.note(r, "not run: the submit scenario failed."));
      } else {
        try (held) {
          if (options.runs("status")) {
            run(ctx, new StatusScenario(held));
          }
          if (options.runs("status_etag")) {
            run(ctx, new StatusEtagScenario(held));
          }
          run(ctx, "submit", () -> held.drain(ctx));
        }
      }
    }
    if (options.runs("inflight")) {
      for (int n : options.inFlight()) {
        run(ctx, new InflightScenario(n, true));
        run(ctx, new InflightScenario(n, false));
      }
    }
    if (options.runs("slow_receiver")) {
      run(ctx, new SlowReceiverScenario());
    }
    if (options.runs("download")) {
      run(ctx, new DownloadScenario());
    }
  }

  private void run(BenchContext ctx, Scenario scenario) throws InterruptedException {
    run(ctx, scenario.name(), () -> scenario.run(ctx));
  }

  private interface Step {
    void run() throws Exception;
  }

  /** Runs one step; a failure is reported under its name and the next scenario still runs. */
  private void run(BenchContext ctx, String name, Step step) throws InterruptedException {
    long t0 = System.nanoTime();
    try {
      step.run();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      ctx.report().note(name, "failed: " + e);
    }
    Log.line("%s: done in %.0f s", name, (System.nanoTime() - t0) / 1e9);
  }

  /** Objects in the bucket after the run, against the results the servers fetched upstream. */
  private void storage(BenchContext ctx, S3Store s3) {
    S3Store.Contents contents = s3.contents();
    report.put("storage.s3_objects", contents.objects(), "objects");
    report.put("storage.s3_bytes", contents.bytes() / 1048576.0, "MiB");
    report.put("storage.results_fetched_upstream", ctx.stub().downloads(), "1");
    report.note(
        "storage",
        "Objects in the bucket `"
            + S3Store.BUCKET
            + "` of the in-process S3-compatible server after the run, against the results the"
            + " servers fetched from the stub upstream (each is stored once). An empty bucket"
            + " with results fetched means the servers kept the results elsewhere (their data"
            + " directories).");
  }

  private static void closeQuietly(ServerCluster servers) {
    try {
      servers.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
