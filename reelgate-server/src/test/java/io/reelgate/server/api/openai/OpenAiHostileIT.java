package io.reelgate.server.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.Http.Response;
import io.reelgate.server.support.Multipart;
import io.reelgate.server.support.ServerTest;
import io.reelgate.server.support.TestImages;
import io.reelgate.server.task.TaskQueries;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Hostile input to {@code POST /v1/videos}: every request is refused with a 4xx in OpenAI's error
 * shape naming the field where there is one, never a 5xx, and nothing is created or reserved.
 */
class OpenAiHostileIT extends ServerTest {
  @Autowired Wallet wallet;
  @Autowired ApiKeys apiKeys;
  @Autowired TaskQueries tasks;

  String accountId;
  String key;

  @BeforeEach
  void freshAccount() {
    accountId = wallet.createAccount("hostile", 100_000);
    key = ApiKeys.generate();
    apiKeys.register(accountId, key);
  }

  Response json(String body) {
    return Http.send(
        "POST",
        base() + "/v1/videos",
        body,
        "Authorization",
        "Bearer " + key,
        "Content-Type",
        "application/json");
  }

  Response form(Multipart form) {
    return Http.sendBytes(
        "POST",
        base() + "/v1/videos",
        form.bytes(),
        "Authorization",
        "Bearer " + key,
        "Content-Type",
        form.contentType());
  }

  /** A 4xx in OpenAI's shape naming {@code param} (or none), and nothing created or reserved. */
  void refused(Response r, int status, String param) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    JsonNode error = r.json().get("error");
    assertThat(error).as(r.text()).isNotNull();
    assertThat(error.get("message").stringValue()).isNotBlank();
    assertThat(error.get("type").stringValue()).isNotBlank();
    if (param == null) {
      assertThat(error.get("param").isNull()).as(r.text()).isTrue();
    } else {
      assertThat(error.get("param").stringValue()).as(r.text()).isEqualTo(param);
    }
    assertThat(wallet.balanceOf(accountId).reserved()).isZero();
    assertThat(wallet.balanceOf(accountId).balance()).isEqualTo(100_000);
    assertThat(tasks.page(accountId, TaskQueries.Filter.none(), null, false, 10)).isEmpty();
  }

  @Test
  void aFormWithManyPartsIsRefused() {
    Multipart form = new Multipart().field("prompt", "many parts");
    for (int i = 0; i < 500; i++) {
      form.field("extra" + i, "x");
    }
    refused(form(form), 400, null);
  }

  @Test
  void aThirtyMegabyteFileIsRefusedWith413() {
    byte[] big = new byte[30 * 1024 * 1024];
    byte[] png = TestImages.png(1280, 720);
    System.arraycopy(png, 0, big, 0, png.length);
    Response r =
        form(
            new Multipart()
                .field("prompt", "a huge frame")
                .file("input_reference", "huge.png", "image/png", big));
    refused(r, 413, null);
  }

  @Test
  void anImageOverThreeMegabytesIsRefused() {
    byte[] png = TestImages.png(1280, 720);
    byte[] padded = Arrays.copyOf(png, 3_000_001);
    refused(
        form(
            new Multipart()
                .field("prompt", "a padded frame")
                .file("input_reference", "padded.png", "image/png", padded)),
        400,
        "input_reference");
  }

  @Test
  void aFileThatIsNoImageIsRefused() {
    refused(
        form(
            new Multipart()
                .field("prompt", "x")
                .file(
                    "input_reference", "frame.png", "image/png", "%PDF-1.7 not pixels".getBytes())),
        400,
        "input_reference");
    refused(
        form(
            new Multipart()
                .field("prompt", "x")
                .file("input_reference", "frame.gif", "image/gif", "GIF89a....".getBytes())),
        400,
        "input_reference");
  }

  @Test
  void wrongFieldTypesAreRefusedNamingTheField() {
    refused(json("{\"prompt\": 42}"), 400, "prompt");
    refused(json("{\"prompt\": \"x\", \"seconds\": 4}"), 400, "seconds");
    refused(json("{\"prompt\": \"x\", \"seconds\": [\"4\"]}"), 400, "seconds");
    refused(json("{\"prompt\": \"x\", \"size\": 1280}"), 400, "size");
    refused(json("{\"prompt\": \"x\", \"model\": {\"id\": \"sora-2\"}}"), 400, "model");
    refused(
        json("{\"prompt\": \"x\", \"input_reference\": \"frame.png\"}"), 400, "input_reference");
    refused(
        json("{\"prompt\": \"x\", \"input_reference\": {\"image_url\": \"file:///etc/passwd\"}}"),
        400,
        "input_reference");
    refused(
        form(new Multipart().file("prompt", "prompt.txt", "text/plain", "x".getBytes())),
        400,
        "prompt");
    refused(
        form(new Multipart().field("prompt", "x").field("input_reference", "frame.png")),
        400,
        "input_reference");
    refused(json("[\"not an object\"]"), 400, null);
    refused(json("{\"prompt\": \"x\", \"seconds\": \"5\"}"), 400, "seconds");
    refused(
        json("{\"prompt\": \"x\", \"model\": \"sora-2\", \"size\": \"1792x1024\"}"), 400, "size");
    refused(json("{\"prompt\": \"" + "x".repeat(10_001) + "\"}"), 400, "prompt");
  }

  @Test
  void anUnknownModelIsNotFound() {
    refused(json("{\"prompt\": \"x\", \"model\": \"sora-3\"}"), 404, "model");
    refused(
        form(new Multipart().field("prompt", "x").field("model", "x".repeat(5000))), 400, "model");
  }

  @Test
  void duplicateFieldsAreRefused() {
    refused(form(new Multipart().field("prompt", "x").field("prompt", "y")), 400, "prompt");
    refused(
        form(
            new Multipart()
                .field("prompt", "x")
                .field("input_reference[image_url]", "https://example.com/a.png")
                .file("input_reference", "a.png", "image/png", TestImages.png(1280, 720))),
        400,
        "input_reference");
    refused(json("{\"prompt\": \"x\", \"prompt\": \"y\"}"), 400, null);
  }

  @Test
  void otherBodiesAreRefused() {
    refused(
        Http.send(
            "POST",
            base() + "/v1/videos",
            "prompt=x",
            "Authorization",
            "Bearer " + key,
            "Content-Type",
            "application/x-www-form-urlencoded"),
        415,
        null);
    refused(json(""), 400, null);
    refused(
        Http.sendBytes(
            "POST",
            base() + "/v1/videos",
            "--x\r\nbroken".getBytes(),
            "Authorization",
            "Bearer " + key,
            "Content-Type",
            "multipart/form-data; boundary=x"),
        400,
        null);
  }
}
