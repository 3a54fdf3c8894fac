package io.reelgate.server.api.pixazo;

import static io.reelgate.server.api.pixazo.PixazoKit.KEY_HEADER;
import static io.reelgate.server.api.pixazo.PixazoKit.assertVideo;
import static io.reelgate.server.api.pixazo.PixazoKit.awaitTerminal;
import static io.reelgate.server.support.Http.json;
import static io.reelgate.server.support.Http.send;
import static io.reelgate.server.support.TestImages.png;
import static io.reelgate.server.support.TestImages.pngDataUri;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.Http.Response;
import io.reelgate.server.support.TestImages;
import io.reelgate.server.task.TaskService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The Pixazo dialect over real HTTP against the whole server: every request rule of the seed and
 * the contract, the error shapes, and generations end to end down to the MP4 that comes out.
 */
class PixazoIT extends PixazoServerTest {
  static final String T2V = "/sora-video/v1/video/generate";
  static final String I2V = "/sora-video/v1/video/i2v/generate";
  static final String RESULT = "/sora-video/v1/video/result";
  static final String STATUS = "/v2/requests/status/";
  static final String ID_PATTERN =
      "sora-video_[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
  static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
  static final Duration RENDER_TIMEOUT = Duration.ofSeconds(90);

  static TestImages images;
  static String landscapeUrl;
  static String squareUrl;

  @Autowired TaskService tasks;
  @Autowired ApiKeys apiKeys;
  @Autowired Wallet wallet;

  @BeforeAll
  static void serveImages() {
    images = new TestImages().acceptingPosts();
    landscapeUrl = images.serve("/landscape-1280x720.png", png(1280, 720));
    squareUrl = images.serve("/square-1000x1000.png", png(1000, 1000));
    images.serve("/not-an-image.png", "just text, no pixels".getBytes());
  }

  @AfterAll
  static void stopImages() {
    images.close();
  }

  // ---- authentication, body shape -----------------------------------------------------------

  @Test
  void missingOrWrongKeyIsUnauthorizedOnEveryEndpoint() {
    String body = json(Map.of("prompt", "a cat"));
    for (String path : List.of(T2V, I2V, RESULT)) {
      assertError(send("POST", base() + path, body), 401, "Unauthorized");
      assertError(
          send("POST", base() + path, body, KEY_HEADER, "rg_not_a_key"), 401, "Unauthorized");
    }
    assertError(send("GET", base() + STATUS + "sora-video_x", null), 401, "Unauthorized");
    assertError(
        send("GET", base() + STATUS + "sora-video_x", null, KEY_HEADER, "wrong"),
        401,
        "Unauthorized");
    // the APIXO credential is not accepted in its place
    assertError(
        send("POST", base() + T2V, body, "Authorization", "Bearer " + API_KEY),
        401,
        "Unauthorized");
  }

  @Test
  void malformedMissingAndNonObjectBodiesAreBadRequests() {
    for (String path : List.of(T2V, I2V, RESULT)) {
      for (String body : List.of("{\"prompt\": ", "not json", "", "[1, 2]", "\"text\"")) {
        Response r = post(path, body);
        assertError(r, 400, "Bad Request");
        assertThat(r.json().get("message").stringValue()).contains("request body");
      }
    }
  }

  @Test
  void bodiesOverOneMebibyteAre413() {
    String big = json(Map.of("prompt", "x".repeat(1024 * 1024 + 10)));
    assertError(post(T2V, big), 413, "Payload Too Large");
    assertError(post(I2V, big), 413, "Payload Too Large");
  }

  // ---- text-to-video rules --------------------------------------------------------------------

  @Test
  void promptIsRequired() {
    assertBadRequest(post(T2V, json(Map.of("size", "1280x720"))), "prompt is required");
    assertBadRequest(post(T2V, json(Map.of("prompt", "   "))), "prompt is required");
    assertBadRequest(post(T2V, "{\"prompt\": 42}"), "prompt must be a string");
    assertBadRequest(post(I2V, json(Map.of("image", landscapeUrl))), "prompt is required");
  }

  @Test
  void secondsMustBeFourEightOrTwelve() {
    for (String seconds : List.of("5", "0", "-4", "16", "4.5", "\"four\"", "true", "[4]")) {
      assertBadRequest(
          post(T2V, "{\"prompt\": \"a cat\", \"seconds\": " + seconds + "}"),
          "seconds must be one of 4, 8, 12");
      assertBadRequest(
          post(
              I2V,
              "{\"prompt\": \"a cat\", \"image\": \""
                  + landscapeUrl
                  + "\", \"seconds\": "
                  + seconds
                  + "}"),
          "seconds must be one of 4, 8, 12");
    }
  }

  @Test
  void sizeMustBeOneOfTheFourSeedSizesSpelledWithAnX() {
    for (String size :
        List.of("1280*720", "720*1280", "1920x1080", "720p", "1080p", "1280 x 720", "", "big")) {
      Response r = post(T2V, json(Map.of("prompt", "a cat", "size", size)));
      assertBadRequest(r, "size must be one of 1280x720, 720x1280, 1792x1024, 1024x1792");
    }
    assertThat(message(post(T2V, json(Map.of("prompt", "a cat", "size", "1280*720")))))
        .contains("not *");
    assertBadRequest(post(T2V, "{\"prompt\": \"a cat\", \"size\": 1280}"), "size must be a string");
  }

  @Test
  void onlySora2ProIsAModelHere() {
    for (String model : List.of("sora-2", "sora-video", "veo-3-1", "SORA-2-PRO", "")) {
      Response r = post(T2V, json(Map.of("prompt", "a cat", "model", model)));
      assertError(r, 400, "Model not found");
      assertThat(message(r)).isEqualTo("Model '" + model + "' not found or is disabled");
      Response i =
          post(I2V, json(Map.of("prompt", "a cat", "image", landscapeUrl, "model", model)));
      assertError(i, 400, "Model not found");
    }
  }

  @Test
  void anImageBelongsToTheImageToVideoEndpoint() {
    assertBadRequest(
        post(T2V, json(Map.of("prompt", "a cat", "image", landscapeUrl))),
        "image is only accepted by POST /sora-video/v1/video/i2v/generate");
  }

  @Test
  void callbackUrlsAreCheckedAndReportedUnderTheNameTheClientUsed() {
    assertBadRequest(
        post(T2V, json(Map.of("prompt", "a cat", "callback_url", "ftp://example.com/hook"))),
        "callback_url must be an http or https URL");
    assertBadRequest(
        send(
            "POST",
            base() + T2V,
            json(Map.of("prompt", "a cat")),
            KEY_HEADER,
            API_KEY,
            "X-Webhook-URL",
            "not a url"),
        "X-Webhook-URL ");
  }

  @Test
  void aWalletThatCannotPayGets402() {
    String poorKey = ApiKeys.generate();
    apiKeys.register(wallet.createAccount("pixazo-poor", 0), poorKey);
    Response r = send("POST", base() + T2V, json(Map.of("prompt", "a cat")), KEY_HEADER, poorKey);
    assertError(r, 402, "Insufficient Balance");
    assertThat(message(r)).isEqualTo("Your wallet does not have enough balance.");
  }

  // ---- image-to-video rules -------------------------------------------------------------------

  @Test
  void imageIsRequiredAndMustBeAUrlOrADataUri() {
    assertBadRequest(post(I2V, json(Map.of("prompt", "a cat"))), "image is required");
    assertBadRequest(post(I2V, json(Map.of("prompt", "a cat", "image", " "))), "image is required");
    for (String image :
        List.of("ftp://example.com/a.png", "/local/file.png", "data:text/plain;base64,aGk=")) {
      assertBadRequest(
          post(I2V, json(Map.of("prompt", "a cat", "image", image))),
          "image must be an http(s) URL or a data:image/...;base64,... URI");
    }
    assertBadRequest(
        post(I2V, "{\"prompt\": \"a cat\", \"image\": [\"" + landscapeUrl + "\"]}"),
        "image must be a string");
  }

  @Test
  void imagesThatCannotBeFetchedOrReadAreBadRequestsNamingImage() {
    for (String image :
        List.of(
            images.url("/missing.png"),
            images.url("/not-an-image.png"),
            "http://127.0.0.1:1/closed-port.png",
            "data:image/png;base64,bm90IGFuIGltYWdl",
            "data:image/png;base64,@@@")) {
      Response r = post(I2V, json(Map.of("prompt", "a cat", "image", image)));
      assertBadRequest(r, "image cannot be used: ");
    }
  }

  @Test
  void imagesMustHaveOneOfTheFourExactDimensions() {
    Map<String, String> wrong = new LinkedHashMap<>();
    wrong.put("1000x1000", squareUrl);
    wrong.put("1280x721", pngDataUri(png(1280, 721)));
    wrong.put("1920x1080", pngDataUri(png(1920, 1080)));
    wrong.put("640x360", pngDataUri(png(640, 360)));
    wrong.forEach(
        (dims, image) -> {
          Response r = post(I2V, json(Map.of("prompt", "a cat", "image", image)));
          assertBadRequest(
              r, "image must be exactly 1280x720, 720x1280, 1792x1024 or 1024x1792 pixels");
          assertThat(message(r)).contains("this image is " + dims);
        });
  }

  @Test
  void sizeMustMatchTheImage() {
    for (String size : List.of("720x1280", "1792x1024", "1024x1792")) {
      Response r = post(I2V, json(Map.of("prompt", "a cat", "image", landscapeUrl, "size", size)));
      assertBadRequest(r, "size must match the image's dimensions: the image is 1280x720");
    }
    assertBadRequest(
        post(I2V, json(Map.of("prompt", "a cat", "image", landscapeUrl, "size", "1280*720"))),
        "size must be one of 1280x720, 720x1280, 1792x1024, 1024x1792");
  }

  @Test
  void theFixedImageToVideoSizesAreNotApixoResolutions() {
    // the catalog lists them for sora-2-pro image-to-video so that Pixazo can ask for them
    for (String resolution : List.of("1280x720", "720x1280", "1792x1024", "1024x1792")) {
      Response r =
          send(
              "POST",
              base() + "/api/v1/generateTask/sora-2-pro",
              json(
                  Map.of(
                      "input",
                      Map.of(
                          "mode",
                          "image-to-video",
                          "prompt",
                          "a cat",
                          "duration",
                          4,
                          "resolution",
                          resolution,
                          "image_urls",
                          List.of(landscapeUrl)))),
              "Authorization",
              "Bearer " + API_KEY);
      assertThat(r.status()).as(r.text()).isEqualTo(400);
      assertThat(r.json().get("message").stringValue())
          .isEqualTo("input.resolution must be one of 720p, 1080p");
    }
  }

  // ---- reads ----------------------------------------------------------------------------------

  @Test
  void unknownIdsAreNotFound() {
    for (String id : List.of("sora-video_0192f0c1-0000-7000-8000-000000000000", "task_nope", "x")) {
      assertError(send("GET", base() + STATUS + id, null, KEY_HEADER, API_KEY), 404, "Not Found");
      assertError(post(RESULT, json(Map.of("video_id", id))), 404, "Not Found");
    }
    assertBadRequest(post(RESULT, json(Map.of("id", "x"))), "video_id is required");
  }

  // ---- end to end -----------------------------------------------------------------------------

  @Test
  void textToVideoWithDefaultsRunsToAnMp4AndIsReadableThroughApixoButByNoOtherAccount() {
    long before = System.currentTimeMillis();
    Response r = post(T2V, json(Map.of("prompt", "a lighthouse at dusk", "unknown_field", 1)));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    JsonNode accepted = r.json();
    String id = accepted.get("request_id").stringValue();
    assertThat(id).matches(ID_PATTERN);
    assertThat(accepted.get("status").stringValue()).isEqualTo("QUEUED");
    assertThat(accepted.get("polling_url").stringValue()).isEqualTo(base() + STATUS + id);
    assertThat(accepted.properties()).hasSize(3);
    assertNoOtherAccountSees(id);

    JsonNode done =
        awaitTerminal(accepted.get("polling_url").stringValue(), API_KEY, RENDER_TIMEOUT);
    assertThat(done.get("status").stringValue()).as(done.toString()).isEqualTo("COMPLETED");
    assertThat(done.get("request_id").stringValue()).isEqualTo(id);
    assertThat(done.get("model_id").stringValue()).isEqualTo("sora-video");
    assertThat(done.get("error").isNull()).isTrue();
    assertThat(done.get("output").get("media_type").stringValue()).isEqualTo("video/mp4");
    assertThat(done.get("output").get("media_url")).hasSize(1);
    assertThat(done.get("created_at").stringValue()).matches(ISO_MILLIS);
    assertThat(done.get("updated_at").stringValue()).matches(ISO_MILLIS);
    assertThat(done.get("completed_at").stringValue()).matches(ISO_MILLIS);
    assertThat(done.get("completed_at").stringValue())
        .isGreaterThanOrEqualTo(done.get("created_at").stringValue());
    assertVideo(done.get("output").get("media_url").get(0).stringValue(), 1280, 720, 4);

    JsonNode result = post(RESULT, json(Map.of("video_id", id))).json();
    assertThat(result.get("id").stringValue()).isEqualTo(id);
    assertThat(result.get("status").stringValue()).isEqualTo("completed");
    assertThat(result.get("model").stringValue()).isEqualTo("sora-2-pro");
    assertThat(result.get("prompt").stringValue()).isEqualTo("a lighthouse at dusk");
    long created = result.get("created_at").longValue();
    long completed = result.get("completed_at").longValue();
    assertThat(created).isBetween(before - 1000, completed);
    assertThat(result.get("metadata").get("total_attempts").intValue()).isGreaterThanOrEqualTo(1);
    assertThat(result.get("metadata").get("polling_duration_seconds").longValue())
        .isEqualTo((completed - created) / 1000);
    assertVideo(result.get("video_url").stringValue(), 1280, 720, 4);

    // the same task through the other dialect
    Response apixo =
        send(
            "GET",
            base() + "/api/v1/statusTask/sora-2-pro?taskId=" + id,
            null,
            "Authorization",
            "Bearer " + API_KEY);
    assertThat(apixo.status()).as(apixo.text()).isEqualTo(200);
    JsonNode data = apixo.json().get("data");
    assertThat(data.get("taskId").stringValue()).isEqualTo(id);
    assertThat(data.get("state").stringValue()).isEqualTo("success");
    assertThat(data.get("createTime").longValue()).isEqualTo(created);
    assertThat(data.get("completeTime").longValue()).isEqualTo(completed);
    String url =
        Http.JSON
            .readTree(data.get("resultJson").stringValue())
            .get("resultUrls")
            .get(0)
            .stringValue();
    assertVideo(url, 1280, 720, 4);
  }

  /** Another account gets exactly the answer it would get for an id that does not exist. */
  private void assertNoOtherAccountSees(String id) {
    String otherKey = ApiKeys.generate();
    apiKeys.register(wallet.createAccount("pixazo-other", 1000), otherKey);
    String absent = "sora-video_0192f0c1-0000-7000-8000-000000000000";
    Response unknown = send("GET", base() + STATUS + absent, null, KEY_HEADER, otherKey);
    Response foreign = send("GET", base() + STATUS + id, null, KEY_HEADER, otherKey);
    assertError(foreign, 404, "Not Found");
    assertThat(foreign.text()).isEqualTo(unknown.text());
    assertError(
        send("POST", base() + RESULT, json(Map.of("video_id", id)), KEY_HEADER, otherKey),
        404,
        "Not Found");
    Response apixo =
        send(
            "GET",
            base() + "/api/v1/statusTask/sora-2-pro?taskId=" + id,
            null,
            "Authorization",
            "Bearer " + otherKey);
    assertThat(apixo.status()).as(apixo.text()).isEqualTo(404);
  }

  @Test
  void imageToVideoFromADataUriDerivesThePortraitSizeAndTheBodyCallbackWins() {
    String bodyHook = images.url("/hook-from-body");
    JsonNode accepted =
        acceptedWithHeaderHook(
            Map.of(
                "prompt",
                "the lighthouse beam sweeps",
                "image",
                pngDataUri(png(720, 1280)),
                "callback_url",
                bodyHook),
            images.url("/hook-from-header"),
            bodyHook);
    assertCompletesWithVideo(accepted, 720, 1280);
  }

  @Test
  void imageToVideoFromAnHttpUrlWithAMatchingSizeAndAHeaderCallback() {
    String headerHook = images.url("/hook-from-header-only");
    JsonNode accepted =
        acceptedWithHeaderHook(
            Map.of(
                "prompt",
                "waves roll in",
                "image",
                landscapeUrl,
                "size",
                "1280x720",
                "seconds",
                4,
                "model",
                "sora-2-pro"),
            headerHook,
            headerHook);
    String id = accepted.get("request_id").stringValue();
    assertThat(tasks.find(accountId(), id).request().imageUrls()).containsExactly(landscapeUrl);
    assertCompletesWithVideo(accepted, 1280, 720);
  }

  /**
   * Sends an image-to-video request that also names a callback in {@code X-Webhook-URL}, checks
   * that it is accepted and that the task keeps {@code expectedCallback}, and returns the 202 body.
   */
  private JsonNode acceptedWithHeaderHook(
      Map<String, ?> body, String headerHook, String expectedCallback) {
    Response r =
        send("POST", base() + I2V, json(body), KEY_HEADER, API_KEY, "X-Webhook-URL", headerHook);
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    JsonNode accepted = r.json();
    String id = accepted.get("request_id").stringValue();
    assertThat(tasks.find(accountId(), id).callbackUrl()).isEqualTo(expectedCallback);
    return accepted;
  }

  /** Polls an accepted request to its end: COMPLETED, with a 4 s MP4 of the given size. */
  private void assertCompletesWithVideo(JsonNode accepted, int width, int height) {
    JsonNode done =
        awaitTerminal(accepted.get("polling_url").stringValue(), API_KEY, RENDER_TIMEOUT);
    assertThat(done.get("status").stringValue()).as(done.toString()).isEqualTo("COMPLETED");
    assertVideo(done.get("output").get("media_url").get(0).stringValue(), width, height, 4);
  }

  @Test
  void anImageThatIsGoneWhenTheTaskRunsFailsTheTaskAsFailedNotError() {
    String image = images.serveOnce("/vanishing-1280x720.png", png(1280, 720));
    Response r = post(I2V, json(Map.of("prompt", "a cat", "image", image)));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    String id = r.json().get("request_id").stringValue();

    JsonNode done =
        awaitTerminal(r.json().get("polling_url").stringValue(), API_KEY, RENDER_TIMEOUT);
    assertThat(done.get("status").stringValue()).as(done.toString()).isEqualTo("FAILED");
    assertThat(done.get("error").stringValue()).startsWith("INVALID_IMAGE_URL: ").contains("404");
    assertThat(done.get("output").isNull()).isTrue();
    assertThat(done.get("completed_at").stringValue()).matches(ISO_MILLIS);

    JsonNode result = post(RESULT, json(Map.of("video_id", id))).json();
    assertThat(result.get("status").stringValue()).isEqualTo("failed");
    assertThat(result.has("video_url")).isFalse();
    assertThat(result.get("error").stringValue()).startsWith("INVALID_IMAGE_URL: ");
    assertThat(result.get("completed_at").isIntegralNumber()).isTrue();
  }

  @Test
  void anApixoTaskIsReadableThroughTheUniversalStatusAndTheResultEndpoint() {
    Response created =
        send(
            "POST",
            base() + "/api/v1/generateTask/sora-2-pro",
            json(
                Map.of(
                    "input",
                    Map.of(
                        "mode",
                        "text-to-video",
                        "prompt",
                        "a red kite",
                        "duration",
                        4,
                        "size",
                        "720*1280"))),
            "Authorization",
            "Bearer " + API_KEY);
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    String taskId = created.json().get("data").get("taskId").stringValue();
    assertThat(taskId).startsWith("task_");

    JsonNode done = awaitTerminal(base() + STATUS + taskId, API_KEY, RENDER_TIMEOUT);
    assertThat(done.get("status").stringValue()).as(done.toString()).isEqualTo("COMPLETED");
    assertThat(done.get("request_id").stringValue()).isEqualTo(taskId);
    assertThat(done.get("model_id").stringValue()).isEqualTo("sora-video");
    assertVideo(done.get("output").get("media_url").get(0).stringValue(), 720, 1280, 4);

    JsonNode result = post(RESULT, json(Map.of("video_id", taskId))).json();
    assertThat(result.get("status").stringValue()).isEqualTo("completed");
    assertThat(result.get("prompt").stringValue()).isEqualTo("a red kite");
  }

  // ---- helpers --------------------------------------------------------------------------------

  private Response post(String path, String body) {
    return send(
        "POST", base() + path, body, KEY_HEADER, API_KEY, "Content-Type", "application/json");
  }

  private String accountId() {
    return apiKeys.authenticate(API_KEY).orElseThrow().accountId();
  }

  private static String message(Response r) {
    return r.json().get("message").stringValue();
  }

  private static void assertError(Response r, int status, String error) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    JsonNode body = r.json();
    assertThat(body.get("error").stringValue()).as(r.text()).isEqualTo(error);
    assertThat(body.get("message").isString()).isTrue();
    assertThat(body.properties()).hasSize(2);
    assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static void assertBadRequest(Response r, String messageStart) {
    assertError(r, 400, "Bad Request");
    assertThat(message(r)).startsWith(messageStart);
  }
}
