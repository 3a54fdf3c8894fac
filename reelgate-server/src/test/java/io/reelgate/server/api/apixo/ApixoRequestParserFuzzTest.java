package io.reelgate.server.api.apixo;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.JsonBodies;
import io.reelgate.server.api.common.MalformedBodyException;
import io.reelgate.server.catalog.TestCatalog;
import io.reelgate.server.support.FuzzJson;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzz targets of the APIXO body parser, one per model family. Whatever arrives, the parser either
 * returns a request its model's spec accepts or refuses with a {@link FieldException} naming a
 * field; anything else (a NullPointerException, an arithmetic error...) is a bug. In a normal build
 * the committed inputs under {@code ApixoRequestParserFuzzTestInputs/} are replayed; {@code
 * JAZZER_FUZZ=1} fuzzes (see README, "Fuzzing").
 */
class ApixoRequestParserFuzzTest {
  private static final List<String> TOP =
      List.of("input", "request_type", "callback_url", "provider");
  private static final List<String> INPUT =
      List.of(
          "prompt",
          "mode",
          "duration",
          "size",
          "resolution",
          "aspect_ratio",
          "image_urls",
          "remove_watermark",
          "generationType",
          "watermark",
          "seed");
  private static final List<String> WORDS =
      List.of(
          "async",
          "callback",
          "official",
          "auto",
          "value",
          "text-to-video",
          "image-to-video",
          "720*1280",
          "1280*720",
          "1792x1024",
          "720p",
          "1080p",
          "landscape",
          "portrait",
          "16:9",
          "9:16",
          "quality",
          "fast",
          "TEXT_2_VIDEO",
          "FIRST_AND_LAST_FRAMES_2_VIDEO",
          "REFERENCE_2_VIDEO",
          "https://example.com/a.png",
          "a cat",
          "");

  @FuzzTest(maxDuration = "2m")
  void soraPro(FuzzedDataProvider data) {
    parse(TestCatalog.spec("sora-2-pro"), data);
  }

  @FuzzTest(maxDuration = "2m")
  void sora(FuzzedDataProvider data) {
    parse(TestCatalog.spec("sora-2"), data);
  }

  @FuzzTest(maxDuration = "2m")
  void veo(FuzzedDataProvider data) {
    parse(TestCatalog.spec("veo-3-1"), data);
  }

  /** Raw bytes through the body reader and then the parser of a family the input picks. */
  @FuzzTest(maxDuration = "2m")
  void rawBody(FuzzedDataProvider data) {
    ModelSpec spec = TestCatalog.spec(data.pickValue(List.of("sora-2-pro", "sora-2", "veo-3-1")));
    JsonNode body;
    try {
      body = JsonBodies.parseObject(data.consumeRemainingAsBytes());
    } catch (MalformedBodyException e) {
      return;
    }
    check(spec, body);
  }

  private static void parse(ModelSpec spec, FuzzedDataProvider data) {
    ObjectNode body = new FuzzJson(data, TOP, WORDS).object(4, 1);
    if (data.consumeBoolean()) {
      body.set("input", new FuzzJson(data, INPUT, WORDS).object(8, 2));
    }
    check(spec, body);
  }

  private static void check(ModelSpec spec, JsonNode body) {
    io.reelgate.server.api.common.ParsedRequest parsed;
    try {
      parsed = ApixoRequestParser.parse(spec, body);
    } catch (FieldException e) {
      assertThat(e.field()).isNotBlank();
      return;
    }
    // what the parser accepts, the model's own rules accept too
    spec.validate(parsed.request());
    assertThat(parsed.request().model()).isEqualTo(spec.id());
  }
}
