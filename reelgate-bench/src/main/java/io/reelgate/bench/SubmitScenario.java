package io.reelgate.bench;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code submit}: APIXO {@code generateTask} on the channel whose jobs the stub holds, against the
 * baseline answering the server's own bytes. The tasks it submits stay in flight for the status
 * scenarios ({@link #held()}).
 */
final class SubmitScenario implements Scenario {
  private HeldTasks held;

  @Override
  public String name() {
    return "submit";
  }

  /** The tasks submitted in the measured run and the baseline; null until the run succeeded. */
  HeldTasks held() {
    return held;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    Options options = ctx.options();
    Report report = ctx.report();
    String model = ctx.channels() ? BenchContext.POLL_MODEL : "sora-2";
    if (!ctx.channels()) {
      report.note(
          "submit",
          "Tasks went to the local renderer ("
              + ctx.channelsMissing()
              + "); they stay queued behind it.");
    }
    ctx.stub().plan(new StubUpstream.Plan.Hold());
    int n = options.requests();
    int c = options.concurrency();
    // Real answers of the server, copied byte for byte into the baseline.
    String firstId = ctx.submit(model, null);
    HttpResponse<byte[]> submitAnswer =
        ctx.http()
            .send(
                Apixo.submitRequest(
                    ctx.servers().baseUrl(),
                    BenchContext.API_KEY,
                    model,
                    Apixo.submitBody(model, null, ctx.nextSeq())),
                HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> statusAnswer =
        ctx.http()
            .send(
                Apixo.statusRequest(ctx.servers().baseUrl(), BenchContext.API_KEY, model, firstId),
                HttpResponse.BodyHandlers.ofByteArray());
    Baseline baseline = new Baseline(submitAnswer.body(), statusAnswer.body());
    try {
      List<String> ids = measure(ctx, baseline, model, n, c);
      held = new HeldTasks(model, ids, baseline);
    } catch (Exception | Error e) {
      baseline.close();
      throw e;
    }
  }

  private List<String> measure(BenchContext ctx, Baseline baseline, String model, int n, int c)
      throws Exception {
    Report report = ctx.report();
    Log.line("%s", "submit: warm-up");
    ctx.submitMany(model, Math.min(1_000, n / 4), null);
    String bodyTemplate = Apixo.submitBody(model, null, 0);
    Load.run(
        c,
        n / 4,
        TimeUnit.MINUTES.toNanos(5),
        i -> baselineSubmit(ctx, baseline, model, bodyTemplate));
    Log.line("%s", "submit: baseline");
    Load.Result base =
        Load.run(
            c,
            n,
            TimeUnit.MINUTES.toNanos(5),
            i -> baselineSubmit(ctx, baseline, model, bodyTemplate));
    base.latencies().report(report, "submit.baseline", base.wallNanos(), "requests/s");
    Log.line("%s", "submit: server");
    ctx.startProfile("submit");
    AtomicReferenceArray<String> ids = new AtomicReferenceArray<>(n);
    long cpu0 = ctx.servers().cpuNanos();
    Load.Result sut =
        Load.run(
            c,
            n,
            TimeUnit.MINUTES.toNanos(10),
            i -> {
              ids.set(i, ctx.submit(model, null));
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
            ctx.channels() ? "stub upstream (jobs accepted at once and held)" : "local renderer"));
    ctx.noteProfile("submit", "during the measured submissions", ctx.stopProfile("submit"));
    sut.latencies().report(report, "submit.server", sut.wallNanos(), "requests/s");
    ctx.cpuPerItem("submit.server.cpu_per_request", cpu0, n);
    ctx.ratio("submit", base, sut);
    return BenchContext.present(ids);
  }

  private static boolean baselineSubmit(
      BenchContext ctx, Baseline baseline, String model, String body) throws Exception {
    return BenchContext.ok(
        ctx.http()
            .send(
                Apixo.submitRequest(baseline.baseUrl(), BenchContext.API_KEY, model, body),
                HttpResponse.BodyHandlers.ofByteArray()));
  }
}
