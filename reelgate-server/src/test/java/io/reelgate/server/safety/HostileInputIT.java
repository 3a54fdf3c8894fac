package io.reelgate.server.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.support.Http;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A table of hostile request bodies against both dialects: each gets a 4xx in the dialect's error
 * shape with a message that says what is wrong (and names the field where there is one), never a
 * 500; afterwards the server is healthy and still accepts a normal request.
 */
class HostileInputIT extends SafetyServerTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String APIXO = "/api/v1/generateTask/sora-2";
  private static final String VEO = "/api/v1/generateTask/veo-3-1";
  private static final String PIXAZO = "/sora-video/v1/video/generate";
  private static final String PIXAZO_RESULT = "/sora-video/v1/video/result";

  private static final List<Integer> statuses = new ArrayList<>();

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String sora(String inputFields) {
    return "{\"input\":{\"mode\":\"text-to-video\",\"duration\":4," + inputFields + "}}";
  }

  static String soraPrompt(String rest) {
    return sora("\"prompt\":\"a boat\"" + rest);
  }

  static byte[] concat(String before, byte[] middle, String after) {
    byte[] a = utf8(before);
    byte[] c = utf8(after);
    byte[] out = new byte[a.length + middle.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(middle, 0, out, a.length, middle.length);
    System.arraycopy(c, 0, out, a.length + middle.length, c.length);
    return out;
  }

  static Arguments row(String name, String path, byte[] body, int status, String message) {
    return Arguments.of(name, path, body, status, message);
  }

  static Arguments row(String name, String path, String body, int status, String message) {
    return row(name, path, utf8(body), status, message);
  }

  static List<Arguments> table() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    String twoMegabytes = "x".repeat(2 * 1024 * 1024);
    return List.of(
        // nesting
        row(
            "APIXO nested 100000 deep",
            APIXO,
            "{\"input\":" + deep + "}",
            400,
            "Invalid parameters: the request body nests deeper than 32 levels"),
        row(
            "APIXO nested 40 objects",
            APIXO,
            "{\"a\":".repeat(40) + "1" + "}".repeat(40),
            400,
            "nests deeper than 32 levels"),
        row(
            "Pixazo nested",
            PIXAZO,
            "{\"prompt\":" + deep + "}",
            400,
            "the request body nests deeper than 32 levels"),
        // encoding
        row(
            "APIXO invalid UTF-8",
            APIXO,
            concat("{\"input\":{\"prompt\":\"", new byte[] {(byte) 0xFF, (byte) 0xFE}, "\"}}"),
            400,
            "the request body is not valid UTF-8"),
        row(
            "APIXO overlong UTF-8",
            APIXO,
            concat("{\"input\":{\"prompt\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}}"),
            400,
            "the request body is not valid UTF-8"),
        row(
            "Pixazo invalid UTF-8",
            PIXAZO,
            concat("{\"prompt\":\"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"),
            400,
            "the request body is not valid UTF-8"),
        row(
            "APIXO lone surrogate",
            APIXO,
            sora("\"prompt\":\"a \\ud800 boat\""),
            400,
            "input.prompt must be valid Unicode text"),
        row(
            "APIXO NUL in prompt",
            APIXO,
            sora("\"prompt\":\"a \\u0000 boat\""),
            400,
            "input.prompt must not contain NUL characters"),
        row(
            "Pixazo NUL in prompt",
            PIXAZO,
            "{\"prompt\":\"a\\u0000\"}",
            400,
            "prompt must not contain NUL characters"),
        // sizes
        row(
            "APIXO 2 MB prompt",
            APIXO,
            sora("\"prompt\":\"" + twoMegabytes + "\""),
            413,
            "Request body too large: at most 1 MiB"),
        row(
            "Pixazo 2 MB prompt",
            PIXAZO,
            "{\"prompt\":\"" + twoMegabytes + "\"}",
            413,
            "The request body must be at most 1 MiB"),
        row(
            "APIXO 10001-character prompt",
            APIXO,
            sora("\"prompt\":\"" + "y".repeat(10_001) + "\""),
            400,
            "input.prompt "),
        row(
            "APIXO 300-character property name",
            APIXO,
            "{\"" + "k".repeat(300) + "\":1}",
            400,
            "property name longer than 256"),
        // numbers
        row(
            "APIXO duration 1e309",
            APIXO,
            "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\",\"duration\":1e309}}",
            400,
            "input.duration must be an integer"),
        row(
            "APIXO duration huge integer",
            APIXO,
            "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\",\"duration\":"
                + "123456789012345678901234567890}}",
            400,
            "input.duration must be an integer"),
        row(
            "APIXO duration 4.5",
            APIXO,
            "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\",\"duration\":4.5}}",
            400,
            "input.duration must be an integer"),
        row(
            "APIXO duration -1e-309",
            APIXO,
            "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\",\"duration\":-1e-309}}",
            400,
            "input.duration must be an integer"),
        row(
            "APIXO 100-digit number",
            APIXO,
            "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\",\"duration\":"
                + "9".repeat(100)
                + "}}",
            400,
            "number longer than 64 characters"),
        row(
            "veo seed 2^70",
            VEO,
            "{\"input\":{\"mode\":\"fast\",\"prompt\":\"p\",\"seed\":1180591620717411303424}}",
            400,
            "input.seed must be an integer from 0 to 4294967295"),
        row(
            "veo seed 1e309",
            VEO,
            "{\"input\":{\"mode\":\"fast\",\"prompt\":\"p\",\"seed\":1e309}}",
            400,
            "input.seed must be an integer from 0 to 4294967295"),
        row(
            "Pixazo seconds 1e309",
            PIXAZO,
            "{\"prompt\":\"p\",\"seconds\":1e309}",
            400,
            "seconds must be one of 4, 8, 12"),
        row(
            "Pixazo seconds huge integer",
            PIXAZO,
            "{\"prompt\":\"p\",\"seconds\":99999999999999999999999}",
            400,
            "seconds must be one of 4, 8, 12"),
        row(
            "Pixazo seconds NaN",
            PIXAZO,
            "{\"prompt\":\"p\",\"seconds\":NaN}",
            400,
            "the request body is not valid JSON"),
        // duplicates
        row(
            "APIXO duplicate input",
            APIXO,
            "{\"input\":{\"prompt\":\"a\"},\"input\":{\"prompt\":\"b\"}}",
            400,
            "the request body gives the property \"input\" more than once"),
        row(
            "APIXO duplicate prompt",
            APIXO,
            soraPrompt(",\"prompt\":\"again\""),
            400,
            "gives the property \"prompt\" more than once"),
        row(
            "Pixazo duplicate prompt",
            PIXAZO,
            "{\"prompt\":\"a\",\"prompt\":\"b\"}",
            400,
            "gives the property \"prompt\" more than once"),
        // wrong types and shapes
        row(
            "APIXO input is a string",
            APIXO,
            "{\"input\":\"text\"}",
            400,
            "input must be a JSON object"),
        row(
            "APIXO prompt is an array",
            APIXO,
            sora("\"prompt\":[\"a\"]"),
            400,
            "input.prompt must be a string"),
        row(
            "APIXO duration is a string",
            APIXO,
            "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\",\"duration\":\"4\"}}",
            400,
            "input.duration must be an integer"),
        row(
            "APIXO image_urls is a number",
            APIXO,
            "{\"input\":{\"mode\":\"image-to-video\",\"prompt\":\"p\",\"duration\":4,"
                + "\"image_urls\":5}}",
            400,
            "input.image_urls must be an array of URL strings"),
        row(
            "APIXO callback_url is an object",
            APIXO,
            "{\"request_type\":\"callback\",\"callback_url\":{},\"input\":{}}",
            400,
            "callback_url must be a string"),
        row("APIXO body is an array", APIXO, "[]", 400, "the request body must be a JSON object"),
        row("APIXO body is null", APIXO, "null", 400, "the request body must be a JSON object"),
        row("APIXO body is empty", APIXO, "", 400, "the request body is missing"),
        row("APIXO truncated", APIXO, "{\"input\":{", 400, "the request body is not valid JSON"),
        row("APIXO trailing object", APIXO, "{}{}", 400, "the request body is not valid JSON"),
        row("APIXO comment", APIXO, "{/* x */}", 400, "the request body is not valid JSON"),
        row(
            "Pixazo size is a number",
            PIXAZO,
            "{\"prompt\":\"p\",\"size\":1280}",
            400,
            "size must be a string"),
        row(
            "Pixazo callback_url is an array",
            PIXAZO,
            "{\"prompt\":\"p\",\"callback_url\":[]}",
            400,
            "callback_url must be a string"),
        row(
            "Pixazo model is 1e309",
            PIXAZO,
            "{\"prompt\":\"p\",\"model\":1e309}",
            400,
            "not found"),
        row(
            "APIXO 3000-character callback_url",
            APIXO,
            "{\"request_type\":\"callback\",\"callback_url\":\"https://example.com/"
                + "a".repeat(3000)
                + "\",\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"p\",\"duration\":4}}",
            400,
            "callback_url is longer than 2048 characters"),
        row(
            "Pixazo 3000-character callback_url",
            PIXAZO,
            "{\"prompt\":\"p\",\"callback_url\":\"https://example.com/" + "a".repeat(3000) + "\"}",
            400,
            "callback_url is longer than 2048 characters"),
        row(
            "Pixazo 10000-character model",
            PIXAZO,
            "{\"prompt\":\"p\",\"model\":\"" + "m".repeat(10_000) + "\"}",
            400,
            "not found"),
        row(
            "Pixazo video_id is a number",
            PIXAZO_RESULT,
            "{\"video_id\":1e309}",
            400,
            "video_id must be a string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void isRefusedWithA4xxInTheDialectsShape(
      String name, String path, byte[] body, int status, String message) throws Exception {
    HttpResponse<byte[]> r = post(path, HttpRequest.BodyPublishers.ofByteArray(body));
    statuses.add(r.statusCode());
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(r.statusCode()).as(text).isEqualTo(status);
    JsonNode json = Http.JSON.readTree(r.body());
    if (path.startsWith("/api/")) {
      assertThat(json.get("code").intValue()).isEqualTo(status);
      assertThat(json.get("data").isNull()).isTrue();
    } else {
      assertThat(json.get("error").isString()).isTrue();
    }
    assertThat(json.get("message").stringValue()).contains(message);
  }

  @Test
  void aBodyOverTheLimitWithoutALengthIsCutOff() throws Exception {
    byte[] big = utf8(sora("\"prompt\":\"" + "z".repeat(3 * 1024 * 1024) + "\""));
    HttpResponse<byte[]> r =
        post(APIXO, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
    statuses.add(r.statusCode());
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @AfterAll
  static void theServerStaysHealthy() {
    assertThat(statuses).allSatisfy(s -> assertThat(s).isBetween(400, 499));
  }

  @Test
  void afterTheBarrageTheServerIsHealthyAndAcceptsWork() throws Exception {
    for (Arguments row : table()) {
      Object[] a = row.get();
      post((String) a[1], HttpRequest.BodyPublishers.ofByteArray((byte[]) a[2]));
    }
    Http.Response health = Http.send("GET", base() + "/actuator/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
    Http.Response ok =
        apixo(
            "sora-2",
            Http.json(
                Map.of(
                    "input",
                    Map.of("mode", "text-to-video", "prompt", "a calm sea", "duration", 4))));
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
  }

  private HttpResponse<byte[]> post(String path, HttpRequest.BodyPublisher body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(body);
    if (path.startsWith("/api/")) {
      request.header("Authorization", "Bearer " + API_KEY);
    } else {
      request.header(PIXAZO_KEY_HEADER, API_KEY);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
