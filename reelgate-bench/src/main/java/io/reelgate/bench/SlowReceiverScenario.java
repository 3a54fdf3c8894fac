package io.reelgate.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code slow_receiver}: webhooks to a fast receiver while a receiver that takes 2 s per webhook is
 * owed its share at the same time.
 */
final class SlowReceiverScenario implements Scenario {
  @Override
  public String name() {
    return "slow_receiver";
  }

  /** Tasks with a callback to the slow receiver next to {@code n} to the fast one. */
  static int slowTasks(int n) {
    return Math.max(20, n / 5);
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    Report report = ctx.report();
    if (!ctx.channels()) {
      report.note("slow_receiver", "not run: " + ctx.channelsMissing() + ".");
      return;
    }
    StubUpstream stub = ctx.stub();
    WebhookReceiver fast = ctx.fast();
    WebhookReceiver slow = ctx.slow();
    int n = ctx.options().slowReceiverTasks();
    int slowCount = slowTasks(n);
    Log.line("%s", "slow_receiver: " + n + " fast + " + slowCount + " slow");
    stub.plan(new StubUpstream.Plan.Hold());
    stub.clear();
    fast.clear();
    slow.clear();
    long createsBefore = stub.creates();
    List<String> slowIds = ctx.submitMany(BenchContext.PUSH_MODEL, slowCount, slow.url());
    List<String> fastIds = ctx.submitMany(BenchContext.PUSH_MODEL, n, fast.url());
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
      StubUpstream.Job job = ctx.jobOf(id);
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
}
