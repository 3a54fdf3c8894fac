package io.reelgate.providers.apixo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.apixo.ApixoInputs.Profile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The normalized request written back in each APIXO model family's own input fields. */
class ApixoInputsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ProviderJob job(
      String model,
      GenerationKind kind,
      int seconds,
      OutputSize size,
      List<String> images,
      String quality,
      Long seed,
      Map<String, String> options) {
    GenerationRequest request =
        new GenerationRequest(
            model,
            kind,
            "a fox in the snow",
            seconds,
            size,
            images,
            quality,
            Routing.AUTO,
            seed,
            options);
    return new ProviderJob("task_1", request, size, List.of(), model, Path.of("/tmp/unused"));
  }

  private static String input(Profile profile, ProviderJob job) {
    return JSON.writeValueAsString(ApixoInputs.input(profile, job));
  }

  @Test
  void soraProTextToVideoSendsSizeWithAStar() {
    ProviderJob job =
        job(
            "sora-2-pro",
            GenerationKind.TEXT_TO_VIDEO,
            12,
            OutputSize.of(1792, 1024),
            List.of(),
            "standard",
            null,
            Map.of());
    assertThat(input(Profile.SORA_2_PRO, job))
        .isEqualTo(
            "{\"mode\":\"text-to-video\",\"prompt\":\"a fox in the snow\",\"duration\":12,"
                + "\"size\":\"1792*1024\"}");
  }

  @Test
  void soraProImageToVideoSendsAResolutionTierAndTheOriginalUrl() {
    String data = "data:image/png;base64,iVBORw0KGgo=";
    ProviderJob job =
        job(
            "sora-2-pro",
            GenerationKind.IMAGE_TO_VIDEO,
            4,
            OutputSize.of(1080, 1920),
            List.of(data),
            "standard",
            null,
            Map.of());
    assertThat(input(Profile.SORA_2_PRO, job))
        .isEqualTo(
            "{\"mode\":\"image-to-video\",\"prompt\":\"a fox in the snow\",\"duration\":4,"
                + "\"resolution\":\"1080p\",\"image_urls\":[\""
                + data
                + "\"]}");
  }

  @Test
  void soraProImageToVideoAtASizeTheDialectCannotNameIsRefused() {
    ProviderJob job =
        job(
            "sora-2-pro",
            GenerationKind.IMAGE_TO_VIDEO,
            4,
            OutputSize.of(1792, 1024),
            List.of("https://example.com/a.png"),
            "standard",
            null,
            Map.of());
    assertThatThrownBy(() -> ApixoInputs.input(Profile.SORA_2_PRO, job))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.BAD_INPUT));
  }

  @Test
  void soraSendsAnOrientationWord() {
    ProviderJob job =
        job(
            "sora-2",
            GenerationKind.IMAGE_TO_VIDEO,
            8,
            OutputSize.of(720, 1280),
            List.of("https://example.com/a.png"),
            "standard",
            null,
            Map.of("remove_watermark", "false"));
    assertThat(input(Profile.SORA_2, job))
        .isEqualTo(
            "{\"mode\":\"image-to-video\",\"prompt\":\"a fox in the snow\",\"duration\":8,"
                + "\"aspect_ratio\":\"portrait\",\"image_urls\":[\"https://example.com/a.png\"],"
                + "\"remove_watermark\":false}");
  }

  @Test
  void veoFramesAndReferences() {
    ProviderJob frames =
        job(
            "veo-3-1",
            GenerationKind.FIRST_AND_LAST_FRAMES,
            8,
            OutputSize.of(720, 1280),
            List.of("https://example.com/a.png", "https://example.com/b.png"),
            "quality",
            7L,
            Map.of("watermark", "MyBrand"));
    assertThat(input(Profile.VEO_3_1, frames))
        .isEqualTo(
            "{\"mode\":\"quality\",\"prompt\":\"a fox in the snow\","
                + "\"generationType\":\"FIRST_AND_LAST_FRAMES_2_VIDEO\",\"aspect_ratio\":\"9:16\","
                + "\"image_urls\":[\"https://example.com/a.png\",\"https://example.com/b.png\"],"
                + "\"watermark\":\"MyBrand\",\"seed\":7}");
    ProviderJob refs =
        job(
            "veo-3-1",
            GenerationKind.REFERENCE_IMAGES,
            8,
            OutputSize.of(1280, 720),
            List.of("https://example.com/a.png"),
            "fast",
            null,
            Map.of("watermark", ""));
    assertThat(input(Profile.VEO_3_1, refs))
        .isEqualTo(
            "{\"mode\":\"fast\",\"prompt\":\"a fox in the snow\","
                + "\"generationType\":\"REFERENCE_2_VIDEO\",\"aspect_ratio\":\"16:9\","
                + "\"image_urls\":[\"https://example.com/a.png\"]}");
  }

  @Test
  void veoTakesASingleFirstFrameForImageToVideo() {
    ProviderJob job =
        job(
            "veo-3-1",
            GenerationKind.IMAGE_TO_VIDEO,
            8,
            OutputSize.of(1280, 720),
            List.of("https://example.com/a.png"),
            "standard",
            null,
            Map.of());
    assertThat(input(Profile.VEO_3_1, job))
        .contains("\"generationType\":\"FIRST_AND_LAST_FRAMES_2_VIDEO\"")
        .contains("\"mode\":\"quality\"");
  }

  @Test
  void soraHasNoFramesMode() {
    ProviderJob job =
        job(
            "sora-2",
            GenerationKind.FIRST_AND_LAST_FRAMES,
            8,
            OutputSize.of(1280, 720),
            List.of("https://example.com/a.png"),
            "standard",
            null,
            Map.of());
    assertThatThrownBy(() -> ApixoInputs.input(Profile.SORA_2, job))
        .isInstanceOf(ProviderException.class);
  }

  @Test
  void theProfileFollowsTheModelId() {
    assertThat(Profile.guess("sora-2-pro")).isEqualTo(Profile.SORA_2_PRO);
    assertThat(Profile.guess("sora-2")).isEqualTo(Profile.SORA_2);
    assertThat(Profile.guess("veo-3-1")).isEqualTo(Profile.VEO_3_1);
    assertThat(Profile.guess("kling-2")).isNull();
    assertThat(Profile.named("VEO-3-1")).isEqualTo(Profile.VEO_3_1);
  }
}
