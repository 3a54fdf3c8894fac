package io.reelgate.providers.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.RequestField;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.ProviderException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterFitTest {
  static final Capabilities CAPS =
      new Capabilities(
          EnumSet.of(GenerationKind.TEXT_TO_VIDEO),
          List.of(5, 10),
          List.of("16:9", "9:16"),
          List.of("720p", "1080p"),
          List.of(),
          0,
          false,
          true);

  static ParameterFit fit(Map<String, String> options) {
    return new ParameterFit(new ChannelSettings("c", "p", null, null, options, null, null, null));
  }

  static GenerationRequest request(
      int seconds, OutputSize size, Long seed, Map<String, String> options) {
    return new GenerationRequest(
        "sora-2",
        GenerationKind.TEXT_TO_VIDEO,
        "p",
        seconds,
        size,
        List.of(),
        "standard",
        Routing.AUTO,
        seed,
        options);
  }

  @Test
  void exactRefusesNamingTheFieldAndTheAllowedValues() {
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                fit(Map.of())
                    .fit(
                        request(8, OutputSize.of(1280, 720), null, Map.of()),
                        OutputSize.of(1280, 720),
                        CAPS,
                        "m1"));
    assertThat(e.category()).isEqualTo(FailureCategory.BAD_INPUT);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.field()).contains(RequestField.DURATION);
    assertThat(e.problem()).contains("must be one of 5, 10 on channel c (m1)");
    assertThat(e.getMessage()).isEqualTo("duration must be one of 5, 10 on channel c (m1)");
  }

  @Test
  void nearestTakesTheClosestDurationTiesToTheLonger() {
    ParameterFit nearest = fit(Map.of("fit", "nearest"));
    OutputSize s = OutputSize.of(1280, 720);
    assertThat(nearest.fit(request(4, s, null, Map.of()), s, CAPS, "m").duration()).isEqualTo(5);
    assertThat(nearest.fit(request(8, s, null, Map.of()), s, CAPS, "m").duration()).isEqualTo(10);
    assertThat(nearest.fit(request(7, s, null, Map.of()), s, CAPS, "m").duration()).isEqualTo(5);
    assertThat(nearest.fit(request(12, s, null, Map.of()), s, CAPS, "m").duration()).isEqualTo(10);
  }

  @Test
  void nearestKeepsTheOrientationAndDropsAnUntakenSeed() {
    ParameterFit nearest = fit(Map.of("fit", "nearest"));
    OutputSize tall = OutputSize.of(1024, 1792);
    ParameterFit.Fitted f = nearest.fit(request(5, tall, 42L, Map.of()), tall, CAPS, "m");
    assertThat(f.aspectRatio()).isEqualTo("9:16");
    assertThat(f.resolution()).isEqualTo("1080p");
    assertThat(f.seed()).isNull();
    OutputSize square = OutputSize.of(960, 960);
    assertThat(
            catchThrowableOfType(
                    ProviderException.class,
                    () -> nearest.fit(request(5, square, null, Map.of()), square, CAPS, "m"))
                .field())
        .contains(RequestField.SIZE);
  }

  @Test
  void watermarksFollowRemoveWatermarkAndTextIsNeverDropped() {
    ParameterFit exact = fit(Map.of());
    OutputSize s = OutputSize.of(1280, 720);
    assertThat(exact.fit(request(5, s, null, Map.of()), s, CAPS, "m").watermark()).isFalse();
    assertThat(
            exact
                .fit(request(5, s, null, Map.of("remove_watermark", "false")), s, CAPS, "m")
                .watermark())
        .isTrue();
    assertThat(
            catchThrowableOfType(
                    ProviderException.class,
                    () ->
                        fit(Map.of("fit", "nearest"))
                            .fit(request(5, s, null, Map.of("watermark", "ACME")), s, CAPS, "m"))
                .option())
        .contains("watermark");
  }

  @Test
  void channelListsOverrideTheTablesAndBadOptionsStopTheStart() {
    OutputSize s = OutputSize.of(1280, 720);
    assertThat(
            fit(Map.of("durations", "8"))
                .fit(request(8, s, null, Map.of()), s, CAPS, "m")
                .duration())
        .isEqualTo(8);
    assertThatThrownBy(() -> fit(Map.of("fit", "closest")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fit must be exact or nearest");
    assertThatThrownBy(
            () -> fit(Map.of("durations", "five")).fit(request(5, s, null, Map.of()), s, CAPS, "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("durations");
  }
}
