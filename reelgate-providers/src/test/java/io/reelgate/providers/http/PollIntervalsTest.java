package io.reelgate.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgate.providers.ChannelSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollIntervalsTest {
  @Test
  void readsShortAndIsoDurations() {
    assertThat(PollIntervals.of(settings("500ms"), Duration.ofSeconds(9)))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(PollIntervals.of(settings("7s"), Duration.ofSeconds(9)))
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(PollIntervals.of(settings("PT1M"), Duration.ofSeconds(9)))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(PollIntervals.of(settings(null), Duration.ofSeconds(9)))
        .isEqualTo(Duration.ofSeconds(9));
    assertThatThrownBy(() -> PollIntervals.of(settings("0s"), Duration.ofSeconds(9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poll-interval");
  }

  private static ChannelSettings settings(String interval) {
    return new ChannelSettings(
        "c",
        "apixo",
        null,
        null,
        interval == null ? Map.of() : Map.of("poll-interval", interval),
        null,
        null,
        null);
  }
}
