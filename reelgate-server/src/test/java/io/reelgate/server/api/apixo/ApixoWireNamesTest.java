package io.reelgate.server.api.apixo;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.RequestField;
import org.junit.jupiter.api.Test;

/**
 * The APIXO wire names have one home. Regression: the parser called the image list {@code
 * input.image_urls} while the error handler called it {@code input.images}.
 */
class ApixoWireNamesTest {

  @Test
  void theImageListIsImageUrlsWhereverAnErrorNamesIt() {
    assertThat(ApixoWireNames.of(RequestField.IMAGES, "sora-2", GenerationKind.IMAGE_TO_VIDEO))
        .isEqualTo("input.image_urls");
    var answer =
        new ApixoDialect(null, null)
            .error(new InvalidRequestException(RequestField.IMAGES, "must hold 1 image"));
    assertThat(answer.getBody())
        .isEqualTo(new ApixoBodies.Envelope(400, "input.image_urls must hold 1 image", null));
  }

  @Test
  void sizeAndKindFollowTheModelFamily() {
    assertThat(ApixoWireNames.of(RequestField.SIZE, "sora-2-pro", GenerationKind.TEXT_TO_VIDEO))
        .isEqualTo("input.size");
    assertThat(ApixoWireNames.of(RequestField.SIZE, "sora-2-pro", GenerationKind.IMAGE_TO_VIDEO))
        .isEqualTo("input.resolution");
    assertThat(ApixoWireNames.of(RequestField.SIZE, "sora-2", GenerationKind.TEXT_TO_VIDEO))
        .isEqualTo("input.aspect_ratio");
    assertThat(ApixoWireNames.of(RequestField.KIND, "veo-3-1", GenerationKind.TEXT_TO_VIDEO))
        .isEqualTo("input.generationType");
    assertThat(ApixoWireNames.of(RequestField.QUALITY, "veo-3-1", null)).isEqualTo("input.mode");
  }
}
