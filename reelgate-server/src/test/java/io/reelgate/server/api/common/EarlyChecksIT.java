package io.reelgate.server.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * What is refused at submit rather than later, in every dialect: input image URLs that are no
 * http(s) URL or {@code data:} URI, an echoed unknown model name cut to 100 characters, numbers
 * sent as strings by each dialect's rule (README "What a client sees"), and the account-wide event
 * stream answering at once.
 */
class EarlyChecksIT extends ServerTest {
  private Http.Response apixo(String model, Object body) {
    return Http.send(
        "POST",
        base() + "/api/v1/generateTask/" + model,
        body instanceof String s ? s : Http.json(body),
        "Authorization",
        "Bearer " + API_KEY,
        "Content-Type",
        "application/json");
  }

  private static Map<String, Object> soraImage(List<String> images) {
    return Map.of(
        "input",
        Map.of("mode", "image-to-video", "prompt", "early", "duration", 4, "image_urls", images));
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "javascript:alert(1)", "ftp://example.com/a.png"})
  void apixoRefusesAnImageUrlOfAnotherSchemeAtSubmit(String url) {
    Http.Response r = apixo("sora-2-pro", soraImage(List.of(url)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("code").asInt()).isEqualTo(400);
    assertThat(r.json().get("message").stringValue())
        .isEqualTo("input.image_urls must be an http or https URL or a data: URI");
  }

  @Test
  void apixoNamesWhichOfSeveralImagesIsRefused() {
    Http.Response r =
        apixo(
            "veo-3-1",
            Map.of(
                "input",
                Map.of(
                    "mode",
                    "quality",
                    "prompt",
                    "early",
                    "generationType",
                    "FIRST_AND_LAST_FRAMES_2_VIDEO",
                    "image_urls",
                    List.of("https://example.com/a.png", "javascript:alert(1)"))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").stringValue())
        .isEqualTo("input.image_urls item 2 must be an http or https URL or a data: URI");
  }

  @Test
  void pixazoAndOpenAiRefuseTheirImageFieldsAtSubmit() {
    Http.Response pixazo =
        Http.send(
            "POST",
            base() + "/sora-video/v1/video/i2v/generate",
            Http.json(Map.of("prompt", "early", "image", "javascript:alert(1)")),
            CallerArguments.SUBSCRIPTION_KEY_HEADER,
            API_KEY,
            "Content-Type",
            "application/json");
    assertThat(pixazo.status()).isEqualTo(400);
    assertThat(pixazo.json().get("error").stringValue()).isEqualTo("Bad Request");
    assertThat(pixazo.json().get("message").stringValue())
        .isEqualTo("image must be an http(s) URL or a data:image/...;base64,... URI");
    Http.Response openai =
        Http.send(
            "POST",
            base() + "/v1/videos",
            Http.json(
                Map.of("prompt", "early", "input_reference", Map.of("image_url", "file:///etc/x"))),
            "Authorization",
            "Bearer " + API_KEY,
            "Content-Type",
            "application/json");
    assertThat(openai.status()).isEqualTo(400);
    assertThat(openai.json().get("error").get("param").stringValue()).isEqualTo("input_reference");
  }

  @Test
  void anUnresolvableImageHostFailsTheTaskWithAClearSentence() {
    String taskId =
        Apixo.submit(
            base(),
            API_KEY,
            "sora-2-pro",
            Http.json(soraImage(List.of("http://no-such-host.invalid/frame.png"))));
    JsonNode data = Apixo.finished(base(), API_KEY, "sora-2-pro", taskId, 120);
    assertThat(data.get("failCode").stringValue()).isEqualTo("INVALID_IMAGE_URL");
    assertThat(data.get("failMsg").stringValue())
        .isEqualTo("the image URL names host no-such-host.invalid, which cannot be resolved");
  }

  @Test
  void aLongUnknownModelNameIsCutInTheApixoAnswer() {
    String model = "m".repeat(5000);
    Http.Response r =
        apixo(model, "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"x\",\"duration\":4}}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("message").stringValue())
        .isEqualTo("Model '" + "m".repeat(100) + "…' not found");
  }

  @Test
  void numbersSentAsStringsFollowEachDialectsRule() {
    // APIXO: numbers are JSON numbers
    Http.Response apixo =
        apixo(
            "sora-2",
            "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"x\",\"duration\":\"4\"}}");
    assertThat(apixo.status()).isEqualTo(400);
    assertThat(apixo.json().get("message").stringValue()).startsWith("input.duration ");
    // Pixazo: seconds as a number or as the numeric string the API it fronts sends
    for (String seconds : List.of("4", "\"4\"")) {
      Http.Response pixazo =
          Http.send(
              "POST",
              base() + "/sora-video/v1/video/generate",
              "{\"prompt\":\"x\",\"seconds\":" + seconds + "}",
              CallerArguments.SUBSCRIPTION_KEY_HEADER,
              API_KEY,
              "Content-Type",
              "application/json");
      assertThat(pixazo.status()).as(pixazo.text()).isEqualTo(202);
    }
    // OpenAI: seconds is a string, as in OpenAI's specification
    Http.Response number = openai("{\"prompt\":\"x\",\"seconds\":4}");
    assertThat(number.status()).isEqualTo(400);
    assertThat(number.json().get("error").get("param").stringValue()).isEqualTo("seconds");
    assertThat(openai("{\"prompt\":\"x\",\"seconds\":\"4\"}").status()).isEqualTo(200);
  }

  private Http.Response openai(String body) {
    return Http.send(
        "POST",
        base() + "/v1/videos",
        body,
        "Authorization",
        "Bearer " + API_KEY,
        "Content-Type",
        "application/json");
  }

  @Test
  void theAccountStreamAnswersAtOnceWithAComment() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<InputStream> r =
        client.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/events"))
                .header("Authorization", "Bearer " + API_KEY)
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
      // the first thing sent is the greeting, not the first heartbeat or a change of a task
      assertThat(lines.readLine()).isEqualTo(":connected");
    }
  }
}
