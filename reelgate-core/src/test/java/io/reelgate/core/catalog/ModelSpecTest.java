package io.reelgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.RequestField;
import io.reelgate.core.request.Routing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
  static final ModelSpec VEO =
      new ModelSpec(
          "veo-3-1",
          "veo-3-1",
          Map.of(
              GenerationKind.TEXT_TO_VIDEO,
              new KindRule(
                  0, 0, List.of(), List.of(OutputSize.of(1280, 720), OutputSize.of(720, 1280))),
              GenerationKind.REFERENCE_IMAGES,
              new KindRule(1, 3, List.of("fast"), List.of(OutputSize.of(1280, 720)))),
          List.of(8),
          20,
          List.of("quality", "fast"),
          List.of(Routing.AUTO, Routing.VALUE, Routing.OFFICIAL),
          Routing.AUTO,
          new PriceRule(40, Map.of("fast", 0.375), Map.of(1920, 1.5)),
          new Limits(10000, 1000),
          null,
          java.time.Duration.ofMinutes(30));

  static GenerationRequest veo(
      GenerationKind kind,
      String prompt,
      int seconds,
      OutputSize size,
      int images,
      String quality) {
    return new GenerationRequest(
        "veo-3-1",
        kind,
        prompt,
        seconds,
        size,
        java.util.Collections.nCopies(images, "https://example.com/i.png"),
        quality,
        Routing.AUTO,
        null,
        Map.of());
  }

  @Test
  void aValidRequestPassesAndIsPricedFromTheNormalizedValues() {
    GenerationRequest quality =
        veo(GenerationKind.TEXT_TO_VIDEO, "city", 8, OutputSize.of(1280, 720), 0, "quality");
    VEO.validate(quality);
    assertThat(VEO.priceOf(quality)).isEqualTo(320);
    GenerationRequest fast =
        veo(GenerationKind.REFERENCE_IMAGES, "city", 8, OutputSize.of(1280, 720), 2, "fast");
    VEO.validate(fast);
    assertThat(VEO.priceOf(fast)).isEqualTo(120);
  }

  @Test
  void eachRuleNamesItsField() {
    assertField(
        veo(GenerationKind.IMAGE_TO_VIDEO, "p", 8, OutputSize.of(1280, 720), 1, "fast"),
        RequestField.KIND);
    assertField(
        veo(GenerationKind.TEXT_TO_VIDEO, " ", 8, OutputSize.of(1280, 720), 0, "fast"),
        RequestField.PROMPT);
    assertField(
        veo(GenerationKind.TEXT_TO_VIDEO, "p", 4, OutputSize.of(1280, 720), 0, "fast"),
        RequestField.DURATION);
    assertField(
        veo(GenerationKind.TEXT_TO_VIDEO, "p", 8, OutputSize.of(1920, 1080), 0, "fast"),
        RequestField.SIZE);
    assertField(
        veo(GenerationKind.TEXT_TO_VIDEO, "p", 8, OutputSize.of(1280, 720), 1, "fast"),
        RequestField.IMAGES);
    assertField(
        veo(GenerationKind.REFERENCE_IMAGES, "p", 8, OutputSize.of(1280, 720), 4, "fast"),
        RequestField.IMAGES);
    assertField(
        veo(GenerationKind.REFERENCE_IMAGES, "p", 8, OutputSize.of(1280, 720), 1, "quality"),
        RequestField.QUALITY);
    assertField(
        veo(GenerationKind.REFERENCE_IMAGES, "p", 8, OutputSize.of(720, 1280), 1, "fast"),
        RequestField.SIZE);
  }

  @Test
  void anOverlongPromptCarriesItsFailureCode() {
    InvalidRequestException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidRequestException.class,
            () ->
                VEO.validate(
                    veo(
                        GenerationKind.TEXT_TO_VIDEO,
                        "x".repeat(21),
                        8,
                        OutputSize.of(1280, 720),
                        0,
                        "fast")));
    assertThat(e.field()).isEqualTo(RequestField.PROMPT);
    assertThat(e.code()).contains(FailureCode.PROMPT_TOO_LONG);
    // characters, not UTF-16 units: 20 emoji are 20 characters
    VEO.validate(
        veo(GenerationKind.TEXT_TO_VIDEO, "🎬".repeat(20), 8, OutputSize.of(1280, 720), 0, "fast"));
  }

  @Test
  void sizesParseAndFollowTheImage() {
    assertThat(OutputSize.parse("1280*720")).isEqualTo(OutputSize.of(1280, 720));
    assertThat(OutputSize.parse("720x1280")).isEqualTo(OutputSize.of(720, 1280));
    OutputSize tier = OutputSize.parse("1080p");
    assertThat(tier.label()).isEqualTo("1080p");
    assertThat(tier.resolveFor(600, 800)).isEqualTo(OutputSize.of(1080, 1920));
    assertThat(tier.resolveFor(800, 600)).isEqualTo(OutputSize.of(1920, 1080));
    assertThatThrownBy(() -> OutputSize.parse("big")).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertField(GenerationRequest request, RequestField field) {
    assertThatThrownBy(() -> VEO.validate(request))
        .isInstanceOf(InvalidRequestException.class)
        .extracting(e -> ((InvalidRequestException) e).field())
        .isEqualTo(field);
  }
}
