package io.reelgate.server.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.image.ImageProbe;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.JsonBodies;
import io.reelgate.server.api.common.MalformedBodyException;
import io.reelgate.server.api.common.ParsedRequest;
import io.reelgate.server.catalog.TestCatalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Fuzz targets of {@code POST /v1/videos} reading: JSON bodies, and multipart forms as parts (the
 * container splits the bytes; what the dialect does with the parts is what is fuzzed). Whatever
 * arrives, the result is a request its model's spec accepts or a refusal naming a field (or a
 * malformed body); anything else is a bug. The committed inputs under {@code
 * OpenAiRequestParserFuzzTestInputs/} are readable: a JSON body, or a form written as parts
 * separated by a line {@code --}, each a header line ({@code name} or {@code name; filename=…})
 * followed by its content.
 */
class OpenAiRequestParserFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void json(byte[] data) {
    JsonNode body;
    try {
      body = JsonBodies.parseObject(data);
    } catch (MalformedBodyException e) {
      return;
    }
    check(body);
  }

  @FuzzTest(maxDuration = "2m")
  void form(byte[] data) {
    JsonNode body;
    try {
      body = OpenAiForm.toBody(parts(data), OpenAiRequestParserFuzzTest::dataUri);
    } catch (FieldException e) {
      assertThat(e.field()).isNotBlank();
      return;
    }
    check(body);
  }

  private static void check(JsonNode body) {
    try {
      String model = OpenAiRequests.model(body);
      Optional<ModelSpec> spec = TestCatalog.catalog().find(model);
      if (spec.isEmpty()) {
        return;
      }
      ParsedRequest parsed = OpenAiRequests.create(spec.get(), body, null);
      // what the parser accepts, the model's own rules accept too
      spec.get().validate(parsed.request());
      assertThat(parsed.request().model()).isEqualTo(model);
    } catch (FieldException e) {
      assertThat(e.field()).isNotBlank();
    }
  }

  /** The image check of the upload path, without the pixel limit of the settings. */
  private static String dataUri(byte[] bytes) {
    return ImageProbe.probe(bytes)
        .map(
            i ->
                "data:"
                    + i.format().mediaType()
                    + ";base64,"
                    + Base64.getEncoder().encodeToString(bytes))
        .orElseThrow(() -> new FieldException("input_reference", "must be an image"));
  }

  /** Parts separated by a line {@code --}: a header line, then the content. */
  static List<OpenAiForm.Part> parts(byte[] data) {
    List<OpenAiForm.Part> parts = new ArrayList<>();
    byte[] separator = "\n--\n".getBytes(StandardCharsets.US_ASCII);
    int start = 0;
    while (start <= data.length) {
      int end = indexOf(data, separator, start);
      byte[] chunk = Arrays.copyOfRange(data, start, end < 0 ? data.length : end);
      int newline = indexOf(chunk, new byte[] {'\n'}, 0);
      String header =
          new String(chunk, 0, newline < 0 ? chunk.length : newline, StandardCharsets.UTF_8);
      byte[] content =
          newline < 0 ? new byte[0] : Arrays.copyOfRange(chunk, newline + 1, chunk.length);
      int semicolon = header.indexOf("; filename=");
      String name = semicolon < 0 ? header : header.substring(0, semicolon);
      String filename = semicolon < 0 ? null : header.substring(semicolon + 11);
      parts.add(new OpenAiForm.Part(name, filename, content));
      if (end < 0 || parts.size() > 20) {
        break;
      }
      start = end + separator.length;
    }
    return parts;
  }

  private static int indexOf(byte[] data, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
