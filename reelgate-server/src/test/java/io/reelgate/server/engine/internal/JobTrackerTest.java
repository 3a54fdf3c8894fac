package io.reelgate.server.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobTrackerTest {

  @Test
  void failedPollsDoubleTheWaitUpToTheCap() {
    Duration interval = Duration.ofSeconds(5);
    Duration max = Duration.ofSeconds(60);
    assertThat(JobTracker.backoff(interval, max, 0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(JobTracker.backoff(interval, max, 1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(JobTracker.backoff(interval, max, 3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(JobTracker.backoff(interval, max, 4)).isEqualTo(max);
    assertThat(JobTracker.backoff(interval, max, 1000)).isEqualTo(max);
  }

  @Test
  void aPolledJobKeepsOnlyTheSmallPartOfTheRequest() {
    GenerationRequest full =
        new GenerationRequest(
            "veo-3-1",
            GenerationKind.FIRST_AND_LAST_FRAMES,
            "x".repeat(10_000),
            8,
            OutputSize.of(1280, 720),
            List.of("data:image/png;base64," + "A".repeat(100_000)),
            "fast",
            Routing.AUTO,
            42L,
            Map.of("watermark", "off"));
    GenerationRequest slim = ProviderJobs.slim(full);
    assertThat(slim.prompt()).isEmpty();
    assertThat(slim.imageUrls()).isEmpty();
    assertThat(slim.options()).isEmpty();
    assertThat(slim.model()).isEqualTo("veo-3-1");
    assertThat(slim.kind()).isEqualTo(GenerationKind.FIRST_AND_LAST_FRAMES);
    assertThat(slim.quality()).isEqualTo("fast");
    assertThat(slim.size()).isEqualTo(OutputSize.of(1280, 720));
    assertThat(slim.seed()).isEqualTo(42L);
  }
}
