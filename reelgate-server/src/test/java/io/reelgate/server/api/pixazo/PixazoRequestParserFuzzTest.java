package io.reelgate.server.api.pixazo;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.image.ImageFormat;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.JsonBodies;
import io.reelgate.server.api.common.MalformedBodyException;
import io.reelgate.server.catalog.TestCatalog;
import io.reelgate.server.support.FuzzJson;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Fuzz targets of the Pixazo body parser (text-to-video and image-to-video, with the {@code
 * X-Webhook-URL} header and the image's dimensions also from the fuzzer). Allowed outcomes: a
 * request the model's spec accepts, a {@link FieldException}, or Pixazo's {@code Model not found}.
 */
class PixazoRequestParserFuzzTest {
  private static final List<String> NAMES =
      List.of("prompt", "seconds", "size", "image", "callback_url", "model");
  private static final List<String> WORDS =
      List.of(
          "sora-2-pro",
          "sora-2",
          "4",
          "8",
          "12",
          "1280x720",
          "720x1280",
          "1792x1024",
          "1024x1792",
          "1280*720",
          "https://example.com/a.png",
          "data:image/png;base64,AAAA",
          "a cat",
          " ");

  @FuzzTest(maxDuration = "2m")
  void generate(FuzzedDataProvider data) {
    String header = data.consumeBoolean() ? data.consumeString(40) : null;
    boolean i2v = data.consumeBoolean();
    int width = data.consumeInt(0, 5000);
    int height = data.consumeInt(0, 5000);
    JsonNode body = new FuzzJson(data, NAMES, WORDS).object(7, 1);
    check(body, header, i2v, width, height);
  }

  @FuzzTest(maxDuration = "2m")
  void rawBody(FuzzedDataProvider data) {
    boolean i2v = data.consumeBoolean();
    JsonNode body;
    try {
      body = JsonBodies.parseObject(data.consumeRemainingAsBytes());
    } catch (MalformedBodyException e) {
      return;
    }
    check(body, null, i2v, 1280, 720);
  }

  private static void check(JsonNode body, String header, boolean i2v, int width, int height) {
    io.reelgate.server.api.common.ParsedRequest parsed;
    try {
      ModelSpec spec = TestCatalog.spec(PixazoRequestParser.model(body));
      parsed =
          i2v
              ? PixazoRequestParser.imageToVideo(
                  spec,
                  body,
                  header,
                  url -> {
                    if (width == 0 || height == 0) {
                      throw new FieldException("image", "cannot be used");
                    }
                    return new ImageInfo(ImageFormat.PNG, width, height);
                  })
              : PixazoRequestParser.textToVideo(spec, body, header);
    } catch (FieldException e) {
      assertThat(e.field()).isNotBlank();
      return;
    } catch (PixazoException e) {
      assertThat(e.error()).isEqualTo("Model not found");
      return;
    }
    TestCatalog.spec(parsed.request().model()).validate(parsed.request());
    if (parsed.callbackUrl() != null) {
      assertThat(parsed.callbackSource()).isIn("callback_url", "X-Webhook-URL");
    }
  }
}
