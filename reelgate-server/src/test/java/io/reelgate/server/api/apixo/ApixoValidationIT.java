package io.reelgate.server.api.apixo;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import io.reelgate.server.support.TestImages;
import java.awt.Color;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Every rule of the APIXO input table, and the error envelopes. */
class ApixoValidationIT extends ServerTest {
  static final TestImages images = new TestImages();

  @Autowired JdbcClient jdbc;
  @Autowired Wallet wallet;
  @Autowired ApiKeys apiKeys;
  @Autowired TransactionTemplate tx;

  @AfterAll
  static void stop() {
    images.close();
  }

  static Stream<Arguments> violations() {
    String img = "\"image_urls\": [\"https://example.com/a.jpg\"]";
    String longPrompt = "x".repeat(10_001);
    return Stream.of(
        // sora-2-pro
        bad(
            "sora-2-pro",
            "{\"input\": {\"prompt\": \"p\", \"duration\": 4}}",
            "input.mode is required"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"video\", \"prompt\": \"p\", \"duration\": 4}}",
            "input.mode must be one of text-to-video, image-to-video"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"text-to-video\", \"duration\": 4}}",
            "input.prompt is required"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"  \", \"duration\": 4}}",
            "input.prompt is required"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \""
                + longPrompt
                + "\", \"duration\": 4}}",
            "input.prompt must be at most 10000 characters (PROMPT_TOO_LONG)"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\"}}",
            "input.duration is required"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 5}}",
            "input.duration must be one of 4, 8, 12"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": \"8\"}}",
            "input.duration must be an integer"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 8.5}}",
            "input.duration must be an integer"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4, \"size\": \"1920*1080\"}}",
            "input.size must be one of 720*1280, 1280*720, 1024*1792, 1792*1024"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4, \"resolution\": \"720p\"}}",
            "input.resolution is only used in image-to-video mode; use input.size"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4, "
                + img
                + "}}",
            "input.image_urls is only used in image-to-video mode"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"image-to-video\", \"prompt\": \"p\", \"duration\": 4}}",
            "input.image_urls is required"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"image-to-video\", \"prompt\": \"p\", \"duration\": 4, \"image_urls\": [\"https://example.com/a.jpg\", \"https://example.com/b.jpg\"]}}",
            "input.image_urls must hold exactly 1 image(s)"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"image-to-video\", \"prompt\": \"p\", \"duration\": 4, \"size\": \"1280*720\", "
                + img
                + "}}",
            "input.size is only used in text-to-video mode; use input.resolution"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"image-to-video\", \"prompt\": \"p\", \"duration\": 4, \"resolution\": \"4k\", "
                + img
                + "}}",
            "input.resolution must be one of 720p, 1080p"),
        bad(
            "sora-2-pro",
            "{\"input\": {\"mode\": \"image-to-video\", \"prompt\": \"p\", \"duration\": 4, \"image_urls\": \"https://example.com/a.jpg\"}}",
            "input.image_urls must be an array of URL strings"),
        bad(
            "sora-2-pro",
            "{\"provider\": \"value\", \"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4}}",
            "provider must be official"),
        bad(
            "sora-2-pro",
            "{\"request_type\": \"callback\", \"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4}}",
            "callback_url is required when request_type is callback"),
        bad(
            "sora-2-pro",
            "{\"request_type\": \"webhook\", \"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4}}",
            "request_type must be one of async, callback"),
        bad(
            "sora-2-pro",
            "{\"request_type\": \"callback\", \"callback_url\": \"ftp://example.com/x\", \"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4}}",
            "callback_url must be an http or https URL"),
        bad("sora-2-pro", "{}", "input is required"),
        bad("sora-2-pro", "{\"input\": \"text\"}", "input must be a JSON object"),
        // sora-2
        bad(
            "sora-2",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 10}}",
            "input.duration must be one of 4, 8, 12"),
        bad(
            "sora-2",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4, \"aspect_ratio\": \"square\"}}",
            "input.aspect_ratio must be one of landscape, portrait"),
        bad(
            "sora-2",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4, "
                + img
                + "}}",
            "input.image_urls is only used in image-to-video mode"),
        bad(
            "sora-2",
            "{\"input\": {\"mode\": \"image-to-video\", \"prompt\": \"p\", \"duration\": 4}}",
            "input.image_urls is required"),
        bad(
            "sora-2",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4, \"remove_watermark\": \"yes\"}}",
            "input.remove_watermark must be true or false"),
        bad(
            "sora-2",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4, \"size\": \"1280*720\"}}",
            "input.size is not a sora-2 field; use input.aspect_ratio"),
        // veo-3-1
        bad("veo-3-1", "{\"input\": {\"prompt\": \"p\"}}", "input.mode is required"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"turbo\", \"prompt\": \"p\"}}",
            "input.mode must be one of quality, fast"),
        bad("veo-3-1", "{\"input\": {\"mode\": \"fast\"}}", "input.prompt is required"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"fast\", \"prompt\": \"p\", \"generationType\": \"IMAGE_2_VIDEO\"}}",
            "input.generationType must be one of TEXT_2_VIDEO, FIRST_AND_LAST_FRAMES_2_VIDEO, REFERENCE_2_VIDEO"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"fast\", \"prompt\": \"p\", \"aspect_ratio\": \"4:3\"}}",
            "input.aspect_ratio must be one of 16:9, 9:16"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"fast\", \"prompt\": \"p\", " + img + "}}",
            "input.image_urls is not allowed with generationType TEXT_2_VIDEO"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"fast\", \"prompt\": \"p\", \"generationType\": \"FIRST_AND_LAST_FRAMES_2_VIDEO\"}}",
            "input.image_urls is required"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"fast\", \"prompt\": \"p\", \"generationType\": \"FIRST_AND_LAST_FRAMES_2_VIDEO\", \"image_urls\": [\"https://example.com/1.jpg\", \"https://example.com/2.jpg\", \"https://example.com/3.jpg\"]}}",
            "input.image_urls must hold between 1 and 2 image(s) for generationType FIRST_AND_LAST_FRAMES_2_VIDEO"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"fast\", \"prompt\": \"p\", \"generationType\": \"REFERENCE_2_VIDEO\", \"image_urls\": [\"https://example.com/1.jpg\", \"https://example.com/2.jpg\", \"https://example.com/3.jpg\", \"https://example.com/4.jpg\"]}}",
            "input.image_urls must hold between 1 and 3 image(s) for generationType REFERENCE_2_VIDEO"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"quality\", \"prompt\": \"p\", \"generationType\": \"REFERENCE_2_VIDEO\", "
                + img
                + "}}",
            "input.mode must be fast for generationType REFERENCE_2_VIDEO"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"fast\", \"prompt\": \"p\", \"generationType\": \"REFERENCE_2_VIDEO\", \"aspect_ratio\": \"9:16\", "
                + img
                + "}}",
            "input.aspect_ratio must be 16:9 for generationType REFERENCE_2_VIDEO"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"fast\", \"prompt\": \"p\", \"seed\": -1}}",
            "input.seed must be an integer from 0 to 4294967295"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"fast\", \"prompt\": \"p\", \"seed\": 4294967296}}",
            "input.seed must be an integer from 0 to 4294967295"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"fast\", \"prompt\": \"p\", \"watermark\": 5}}",
            "input.watermark must be a string"),
        bad(
            "veo-3-1",
            "{\"input\": {\"mode\": \"fast\", \"prompt\": \"p\", \"duration\": 4}}",
            "input.duration must be 8"),
        bad(
            "veo-3-1",
            "{\"provider\": \"cheapest\", \"input\": {\"mode\": \"fast\", \"prompt\": \"p\"}}",
            "provider must be one of auto, value, official"));
  }

  static Arguments bad(String model, String body, String message) {
    return Arguments.of(model, body, message);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("violations")
  void violationsAreRejectedNamingTheField(String model, String body, String message) {
    long before = taskCount();
    Http.Response r = generate(model, body, API_KEY);
    assertThat(r.status()).as(r.text()).isEqualTo(400);
    JsonNode json = r.json();
    assertThat(json.get("code").intValue()).isEqualTo(400);
    assertThat(json.get("message").stringValue()).startsWith(message);
    assertThat(json.get("data").isNull()).isTrue();
    assertThat(taskCount()).isEqualTo(before);
  }

  @Test
  void malformedBodiesAre400() {
    for (String body : new String[] {"", "{", "[1,2]", "not json", "{\"input\": {\"mode\": }"}) {
      Http.Response r = generate("sora-2", body, API_KEY);
      assertThat(r.status()).as("body %s", body).isEqualTo(400);
      assertThat(r.json().get("code").intValue()).isEqualTo(400);
      assertThat(r.json().get("message").stringValue()).startsWith("Invalid parameters");
    }
  }

  @Test
  void oversizedBodiesAre413() {
    String prompt = "a".repeat(1_100_000);
    Http.Response r =
        generate(
            "sora-2",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \""
                + prompt
                + "\", \"duration\": 4}}",
            API_KEY);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("code").intValue()).isEqualTo(413);
  }

  @Test
  void missingOrWrongKeyIs401() {
    String body = "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4}}";
    Http.Response none = Http.send("POST", base() + "/api/v1/generateTask/sora-2", body);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().get("message").stringValue()).isEqualTo("Invalid or missing API Key");
    assertThat(generate("sora-2", body, "rg_wrong").status()).isEqualTo(401);
    Http.Response status =
        Http.send(
            "GET",
            base() + "/api/v1/statusTask/sora-2?taskId=task_x",
            null,
            "Authorization",
            "Bearer nope");
    assertThat(status.status()).isEqualTo(401);
    assertThat(status.json().get("code").intValue()).isEqualTo(401);
  }

  @Test
  void unknownTaskAndModelAre404() {
    Http.Response task =
        Http.send(
            "GET",
            base() + "/api/v1/statusTask/sora-2?taskId=task_doesnotexist",
            null,
            "Authorization",
            "Bearer " + API_KEY);
    assertThat(task.status()).isEqualTo(404);
    assertThat(task.json().get("code").intValue()).isEqualTo(404);
    Http.Response model = generate("sora-3", "{\"input\": {}}", API_KEY);
    assertThat(model.status()).isEqualTo(404);
    assertThat(model.json().get("message").stringValue()).contains("sora-3");
  }

  @Test
  void anotherAccountsTaskIsReportedAsMissing() {
    String otherKey = ApiKeys.generate();
    tx.executeWithoutResult(s -> apiKeys.register(wallet.createAccount("other", 1000), otherKey));
    String taskId =
        generate(
                "sora-2",
                "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"mine\", \"duration\": 4}}",
                API_KEY)
            .json()
            .get("data")
            .get("taskId")
            .stringValue();
    Http.Response r =
        Http.send(
            "GET",
            base() + "/api/v1/statusTask/sora-2?taskId=" + taskId,
            null,
            "Authorization",
            "Bearer " + otherKey);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("message").stringValue()).isEqualTo("Task not found");
  }

  @Test
  void insufficientCreditsCreateNothing() {
    String poorKey = ApiKeys.generate();
    String account =
        tx.execute(
            s -> {
              String id = wallet.createAccount("poor", 39);
              apiKeys.register(id, poorKey);
              return id;
            });
    long before = taskCount();
    Http.Response r =
        generate(
            "sora-2",
            "{\"input\": {\"mode\": \"text-to-video\", \"prompt\": \"p\", \"duration\": 4}}",
            poorKey);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").stringValue()).isEqualTo("Insufficient credits");
    assertThat(taskCount()).isEqualTo(before);
    assertThat(wallet.balanceOf(account)).isEqualTo(new Wallet.Balance(39, 0, 0));
  }

  @Test
  void unusableImagesFailTheTaskWithInvalidImageUrlAndCostNothing() {
    String account =
        tx.execute(
            s -> {
              String id = wallet.createAccount("images", 10_000);
              return id;
            });
    String key = ApiKeys.generate();
    tx.executeWithoutResult(s -> apiKeys.register(account, key));
    String notAnImage = images.serve("/not-an-image.jpg", "hello, this is text".getBytes());
    String missing = images.url("/missing.jpg");
    for (String url : new String[] {notAnImage, missing}) {
      String taskId =
          generate(
                  "sora-2",
                  "{\"input\": {\"mode\": \"image-to-video\", \"prompt\": \"p\", \"duration\": 4, \"image_urls\": [\""
                      + url
                      + "\"]}}",
                  key)
              .json()
              .get("data")
              .get("taskId")
              .stringValue();
      JsonNode data = awaitFinished(taskId, key);
      assertThat(data.get("state").stringValue()).isEqualTo("failed");
      assertThat(data.get("failCode").stringValue()).isEqualTo("INVALID_IMAGE_URL");
      assertThat(data.get("failMsg").stringValue()).isNotBlank();
      assertThat(data.get("completeTime").longValue()).isPositive();
    }
    assertThat(wallet.balanceOf(account)).isEqualTo(new Wallet.Balance(10_000, 0, 0));
  }

  @Test
  void aGoodImageIsUsedAndChargedOnce() {
    String account = tx.execute(s -> wallet.createAccount("good", 10_000));
    String key = ApiKeys.generate();
    tx.executeWithoutResult(s -> apiKeys.register(account, key));
    String url =
        images.serve("/portrait.png", TestImages.image(360, 640, "png", Color.RED, Color.BLUE));
    String taskId =
        generate(
                "sora-2-pro",
                "{\"input\": {\"mode\": \"image-to-video\", \"prompt\": \"p\", \"duration\": 4, \"image_urls\": [\""
                    + url
                    + "\"]}}",
                key)
            .json()
            .get("data")
            .get("taskId")
            .stringValue();
    JsonNode data = awaitFinished(taskId, key);
    assertThat(data.get("state").stringValue()).as(data.toString()).isEqualTo("success");
    // 720p follows the portrait image: 720x1280; 4 s at 30 credits/s
    assertThat(wallet.balanceOf(account)).isEqualTo(new Wallet.Balance(10_000 - 120, 0, 120));
    Integer width =
        jdbc.sql("SELECT output_width FROM tasks WHERE id = ?")
            .param(taskId)
            .query(Integer.class)
            .single();
    assertThat(width).isEqualTo(720);
  }

  private JsonNode awaitFinished(String taskId, String key) {
    return ApixoAwait.finished(base(), "sora-2", taskId, key);
  }

  private long taskCount() {
    return jdbc.sql("SELECT COUNT(*) FROM tasks").query(Long.class).single();
  }

  private Http.Response generate(String model, String body, String key) {
    return Http.send(
        "POST",
        base() + "/api/v1/generateTask/" + model,
        body,
        "Authorization",
        "Bearer " + key,
        "Content-Type",
        "application/json");
  }
}
