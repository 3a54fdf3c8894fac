package io.reelgate.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * {@code download}: random 64 KiB {@code Range} requests on stored results at their signed URLs, 8
 * at a time. With several nodes each request goes to the next node in turn.
 */
final class DownloadScenario implements Scenario {
  @Override
  public String name() {
    return "download";
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    Report report = ctx.report();
    Options options = ctx.options();
    List<String> urls = new ArrayList<>();
    List<String> sources = new ArrayList<>(ctx.succeeded());
    if (sources.isEmpty()) {
      // make a result: on the stub when there are channels, else with the local renderer
      String model = ctx.channels() ? BenchContext.POLL_MODEL : "sora-2";
      if (ctx.channels()) {
        ctx.stub().plan(new StubUpstream.Plan.Uniform(0, 0));
      }
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < (ctx.channels() ? 20 : 1); i++) {
        ids.add(ctx.submit(model, null));
      }
      ctx.awaitSucceeded(ids, Duration.ofMinutes(3));
      ids.forEach(id -> sources.add(model + " " + id));
    }
    for (String s : sources.subList(0, Math.min(50, sources.size()))) {
      String[] parts = s.split(" ");
      JsonNode data = ctx.status(parts[0], parts[1]);
      if ("success".equals(data.path("state").asString())) {
        JsonNode result = BenchContext.JSON.readTree(data.path("resultJson").asString());
        urls.add(result.path("resultUrls").get(0).asString());
      }
    }
    if (urls.isEmpty()) {
      report.note("download", "not run: no task succeeded to download from.");
      return;
    }
    HttpResponse<byte[]> whole =
        ctx.http()
            .send(
                HttpRequest.newBuilder(URI.create(urls.get(0))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    int length = whole.body().length;
    int chunk = Math.min(65_536, length);
    AtomicLong bytes = new AtomicLong();
    List<String> nodes = ctx.servers().baseUrls();
    Log.line("%s", "download: " + urls.size() + " results of " + length + " bytes");
    long cpu0 = ctx.servers().cpuNanos();
    Load.Result r =
        Load.run(
            8,
            Integer.MAX_VALUE,
            TimeUnit.SECONDS.toNanos(options.downloadSeconds()),
            i -> {
              int start = ThreadLocalRandom.current().nextInt(Math.max(1, length - chunk + 1));
              String url = ServerCluster.rebase(urls.get(i % urls.size()), nodes, i);
              HttpResponse<byte[]> res =
                  ctx.http()
                      .send(
                          HttpRequest.newBuilder(URI.create(url))
                              .header("Range", "bytes=" + start + "-" + (start + chunk - 1))
                              .build(),
                          HttpResponse.BodyHandlers.ofByteArray());
              bytes.addAndGet(res.body().length);
              return res.statusCode() == 206 && res.body().length == chunk;
            });
    ctx.cpuPerItem("download.cpu_per_request", cpu0, r.latencies().histogram().getTotalCount());
    r.latencies().report(report, "download", r.wallNanos(), "requests/s");
    report.put(
        "download.bytes_per_second", bytes.get() / (r.wallNanos() / 1e9) / 1048576.0, "MiB/s");
    report.note(
        "download",
        String.format(
            Locale.ROOT,
            "Random %d-byte `Range` requests (answered 206) on %d stored results of %d bytes at"
                + " their signed URLs, 8 at a time for %d s%s.",
            chunk,
            urls.size(),
            length,
            options.downloadSeconds(),
            nodes.size() > 1 ? ", each to the next node in turn" : ""));
  }
}
