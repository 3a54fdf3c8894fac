package io.reelgate.server.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.Submission;
import io.reelgate.providers.VideoProvider;
import io.reelgate.server.config.PollingSettings;
import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.UpstreamCalls;
import io.reelgate.server.task.TaskRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Measures the heap a tracked upstream job costs the tracker: the target is at most 2 KiB. */
class JobTrackerFootprintTest {
  static final int JOBS = 50_000;

  @Test
  void aJobInFlightCostsWellUnderTwoKibibytes() throws Exception {
    ReelgateSettings settings =
        new ReelgateSettings(
            Path.of("target", "footprint"),
            "",
            "",
            false,
            new ReelgateSettings.Bootstrap("", 0, ""),
            ReelgateSettings.Storage.of(Duration.ofDays(1), ""),
            new ReelgateSettings.Local(2),
            new ReelgateSettings.Images(1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            new ReelgateSettings.Webhooks(List.of(Duration.ZERO), Duration.ofSeconds(1), 1));
    // why: polls are an hour away, so the measurement sees tracked jobs only
    PollingSettings polling =
        new PollingSettings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(5), 8, 8);
    JobTracker poller = new JobTracker(polling, new UpstreamCalls(), new WorkDirs(settings));
    Channel channel =
        new Channel(
            "footprint",
            "stub",
            new VideoProvider() {
              @Override
              public String protocol() {
                return "stub";
              }

              @Override
              public Submission submit(ProviderJob job) {
                throw new UnsupportedOperationException();
              }

              @Override
              public PollResult poll(ProviderJob job, String upstreamJobId) {
                return new PollResult.Running(Duration.ofHours(1));
              }
            },
            Routing.VALUE,
            1,
            Map.of("veo-3-1", "fal-ai/veo3.1"),
            Integer.MAX_VALUE,
            CircuitBreaker.ofDefaults("footprint"),
            new AtomicInteger());
    try {
      long before = usedAfterGc();
      for (int i = 0; i < JOBS; i++) {
        poller.track(task(i), channel, null, Duration.ofHours(1));
      }
      long after = usedAfterGc();
      long perJob = (after - before) / JOBS;
      System.out.println("poller heap per tracked job: " + perJob + " bytes");
      assertThat(poller.trackedCount()).isEqualTo(JOBS);
      assertThat(channel.inFlight().get()).isEqualTo(JOBS);
      assertThat(perJob).isLessThan(2048);
    } finally {
      poller.destroy();
    }
  }

  static TaskRecord task(int i) {
    // why: a realistic request, with a long prompt and an image, which the poller must not keep
    GenerationRequest request =
        new GenerationRequest(
            "veo-3-1",
            GenerationKind.FIRST_AND_LAST_FRAMES,
            ("a lighthouse at dawn, waves rolling in " + i).repeat(20),
            8,
            OutputSize.of(1280, 720),
            List.of("https://images.example/" + i + "/first.png"),
            "quality",
            Routing.AUTO,
            null,
            Map.of());
    long now = System.currentTimeMillis();
    TaskRecord queued =
        TaskRecord.queued(
            "task_01jdv8q3k2m4n6p8r0t2v4x6z" + i,
            "acct_1",
            "key_1",
            "apixo",
            request,
            1,
            null,
            now);
    return new TaskRecord(
        queued.id(),
        queued.accountId(),
        queued.apiKeyId(),
        queued.model(),
        queued.dialect(),
        io.reelgate.core.task.TaskState.RUNNING,
        3,
        request,
        1,
        null,
        "footprint",
        "fal-ai/veo3.1/requests/0b7f4c4e-5a53-4d0f-9d0e-" + String.format("%012d", i),
        1280,
        720,
        null,
        null,
        null,
        null,
        0,
        now,
        now,
        now,
        null,
        null);
  }

  static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc(); // a full, stop-the-world collection (no -XX:+ExplicitGCInvokesConcurrent)
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
