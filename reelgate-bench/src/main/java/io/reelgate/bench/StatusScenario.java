package io.reelgate.bench;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code status}: APIXO {@code statusTask} of random tasks among those the submit scenario left in
 * flight, against the baseline answering the server's own status bytes.
 */
final class StatusScenario implements Scenario {
  private final HeldTasks held;

  StatusScenario(HeldTasks held) {
    this.held = held;
  }

  @Override
  public String name() {
    return "status";
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    Report report = ctx.report();
    int n = ctx.options().requests();
    int c = ctx.options().concurrency();
    String model = held.model();
    List<String> taskIds = held.ids();
    Baseline baseline = held.baseline();
    Log.line("%s", "status: baseline");
    Load.run(
        c,
        n,
        TimeUnit.MINUTES.toNanos(5),
        i -> read(ctx, baseline.baseUrl(), model, taskIds.get(i % taskIds.size())));
    Load.Result bs =
        Load.run(
            c,
            n * 2,
            TimeUnit.MINUTES.toNanos(5),
            i -> read(ctx, baseline.baseUrl(), model, taskIds.get(i % taskIds.size())));
    bs.latencies().report(report, "status.baseline", bs.wallNanos(), "requests/s");
    Log.line("%s", "status: server");
    Load.run(
        c,
        n,
        TimeUnit.MINUTES.toNanos(5),
        i -> ctx.status(model, BenchContext.random(taskIds)) != null);
    ctx.startProfile("status");
    long cpu0 = ctx.servers().cpuNanos();
    Load.Result ss =
        Load.run(
            c,
            n * 2,
            TimeUnit.MINUTES.toNanos(5),
            i -> read(ctx, ctx.servers().baseUrl(), model, BenchContext.random(taskIds)));
    ss.latencies().report(report, "status.server", ss.wallNanos(), "requests/s");
    ctx.cpuPerItem("status.server.cpu_per_request", cpu0, n * 2);
    List<java.nio.file.Path> profile = ctx.stopProfile("status");
    ctx.ratio("status", bs, ss);
    report.note(
        "status",
        String.format(
            Locale.ROOT,
            "APIXO `statusTask/%s` of random tasks among the %d just submitted (%s),"
                + " %d requests after a warm-up, %d at a time.",
            model,
            taskIds.size(),
            ctx.channels()
                ? "all running at the stub upstream, polled by the server meanwhile"
                : "queued",
            n * 2,
            c));
    if (!profile.isEmpty()) {
      report.note("status", "");
      ctx.noteProfile("status", "during the measured status reads", profile);
    }
  }

  private static boolean read(BenchContext ctx, String base, String model, String taskId)
      throws Exception {
    return BenchContext.ok(
        ctx.http()
            .send(
                Apixo.statusRequest(base, BenchContext.API_KEY, model, taskId),
                HttpResponse.BodyHandlers.ofByteArray()));
  }
}
