package io.reelgate.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code inflight}: {@code n} tasks with callbacks held in progress at the stub, then released over
 * a spread of time: how long from each job's completion at the upstream to its webhook at the
 * receiver, with push ({@code sora-2}) or polling only ({@code sora-2-pro}). The {@link
 * MemoryScenario memory} figures are measured around it while all {@code n} are held.
 */
final class InflightScenario implements Scenario {
  private final int n;
  private final boolean push;

  InflightScenario(int n, boolean push) {
    this.n = n;
    this.push = push;
  }

  @Override
  public String name() {
    return "inflight";
  }

  /** {@code inflight_push_2000}, {@code inflight_poll_500}, … */
  static String runName(int n, boolean push) {
    return "inflight_" + (push ? "push" : "poll") + "_" + n;
  }

  /** How long the stub spreads the completions of {@code n} jobs over, in milliseconds. */
  static long spreadMillis(int n, boolean quick) {
    if (quick) {
      return 5_000;
    }
    return n >= 5_000 ? 30_000 : 10_000;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    Options options = ctx.options();
    Report report = ctx.report();
    StubUpstream stub = ctx.stub();
    WebhookReceiver fast = ctx.fast();
    String name = runName(n, push);
    boolean first = n == options.inFlight().get(0);
    boolean largest = n == options.largestInFlight();
    if (!ctx.channels()) {
      report.note("inflight", "`" + name + "`: not run: " + ctx.channelsMissing() + ".");
      if (push && first) {
        report.note("memory", "not run: " + ctx.channelsMissing() + ".");
      }
      return;
    }
    Log.line("%s", name + ": submitting");
    String model = push ? BenchContext.PUSH_MODEL : BenchContext.POLL_MODEL;
    stub.plan(new StubUpstream.Plan.Hold());
    stub.clear();
    fast.clear();
    MemoryScenario memory = new MemoryScenario(ctx, name, push && first, largest);
    memory.beforeSubmit();
    long createsBefore = stub.creates();
    List<String> ids = ctx.submitMany(model, n, fast.url());
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
    memory.withTasksInFlight(dispatched);
    long spread = spreadMillis(n, options.quick());
    Log.line("%s", name + ": releasing " + dispatched + " jobs over " + spread + " ms");
    boolean record = options.profile() && largest;
    if (record) {
      ctx.startProfile(name);
    }
    long releaseCpu = ctx.servers().cpuNanos();
    long released = System.nanoTime();
    stub.releaseAll(spread);
    long wait = spread + BenchContext.POLL_INTERVAL.toMillis() + 60_000 + n * 20L;
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
    while (System.nanoTime() < end && fast.tasks() < ids.size()) {
      Thread.sleep(200);
    }
    List<Path> profile = record ? ctx.stopProfile(name) : List.of();
    ctx.cpuPerItem("inflight." + name + ".cpu_per_task", releaseCpu, ids.size());
    // the same tasks, finished and delivered: what remains is no longer in-flight state
    memory.afterCompletion();
    Latencies lat = new Latencies();
    long last = released;
    int missing = 0;
    for (String id : ids) {
      Long arrival = fast.arrival(id);
      StubUpstream.Job job = ctx.jobOf(id);
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
                : "no push: polling only, every " + BenchContext.POLL_INTERVAL.toSeconds() + " s"));
    if (!profile.isEmpty()) {
      report.note("inflight", "");
      ctx.noteProfile("inflight", "while `" + name + "` completed", profile);
    }
    for (String id : ids) {
      if (fast.arrival(id) != null) {
        ctx.rememberSucceeded(model, id);
      }
    }
  }
}
