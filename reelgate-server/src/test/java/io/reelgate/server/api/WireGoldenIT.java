package io.reelgate.server.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.reelgate.server.support.Http.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.reelgate.server.support.Golden;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.Http.Response;
import io.reelgate.server.support.Multipart;
import io.reelgate.server.support.ServerTest;
import io.reelgate.server.support.TestImages;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.webhook.WebhookDeliveries;
import io.reelgate.server.webhook.WebhookPayloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The wire bodies of every dialect pinned as exact JSON (see {@link Golden}): each status endpoint
 * for a task in every state (pending, processing, success, failed, cancelled), whichever dialect
 * made it; every submission answer; the error bodies; and the webhook payloads. sora-2 runs on an
 * upstream that accepts jobs and never finishes them, one at a time, so its first task stays
 * processing and the next one pending; the other models render locally.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WireGoldenIT {
  static final String KEY = "rg_test_golden_key_0123456789";
  static final String ADMIN = "golden-admin-token-0123456789abcdef";
  static final Path DATA = ServerTest.tempDataDir("reelgate-golden");
  static final WireMockServer UPSTREAM = new WireMockServer(wireMockConfig().dynamicPort());
  static final Duration RENDER = Duration.ofSeconds(120);

  static {
    UPSTREAM.start();
    UPSTREAM.stubFor(
        post(urlPathEqualTo("/v1/videos"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("openai-poll-after-ms", "600000")
                    .withBody(
                        "{\"id\":\"video_slow\",\"object\":\"video\",\"status\":\"queued\"}")));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/v1/videos/video_slow"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("openai-poll-after-ms", "600000")
                    .withBody(
                        "{\"id\":\"video_slow\",\"object\":\"video\",\"status\":\"in_progress\"}")));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/images/landscape.png"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "image/png")
                    .withBody(TestImages.png(1280, 720))));
    UPSTREAM.stubFor(
        get(urlPathEqualTo("/images/missing.png")).willReturn(aResponse().withStatus(404)));
  }

  /** Tasks shared by the ordered tests. */
  static String processing;

  static String pending;
  static String succeeded;
  static String failed;
  static String poorKey;

  @LocalServerPort int port;
  @Autowired TaskQueries tasks;
  @Autowired WebhookDeliveries deliveries;
  @Autowired List<WebhookPayloads> payloads;
  @Autowired ObjectMapper mapper;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, DATA, KEY);
    r.add("reelgate.admin-token", () -> ADMIN);
    r.add("reelgate.channels[0].id", () -> "slow");
    r.add("reelgate.channels[0].protocol", () -> "openai-videos");
    r.add("reelgate.channels[0].base-url", () -> UPSTREAM.baseUrl() + "/v1");
    r.add("reelgate.channels[0].api-key", () -> "sk-test");
    r.add("reelgate.channels[0].route", () -> "official");
    r.add("reelgate.channels[0].max-concurrent", () -> "1");
    r.add("reelgate.channels[0].models.sora-2", () -> "sora-2");
  }

  @AfterAll
  static void stop() {
    UPSTREAM.stop();
  }

  String base() {
    return "http://localhost:" + port;
  }

  static String image(String name) {
    return UPSTREAM.baseUrl() + "/images/" + name;
  }

  // ---- requests ---------------------------------------------------------------------------

  Response apixo(String method, String path, String body, String... headers) {
    String[] all = new String[headers.length + 4];
    all[0] = "Authorization";
    all[1] = "Bearer " + KEY;
    all[2] = "Content-Type";
    all[3] = "application/json";
    System.arraycopy(headers, 0, all, 4, headers.length);
    return send(method, base() + path, body, all);
  }

  Response pixazo(String method, String path, String body, String... headers) {
    String[] all = new String[headers.length + 4];
    all[0] = "Ocp-Apim-Subscription-Key";
    all[1] = KEY;
    all[2] = "Content-Type";
    all[3] = "application/json";
    System.arraycopy(headers, 0, all, 4, headers.length);
    return send(method, base() + path, body, all);
  }

  static String sora2(String prompt) {
    return """
        {"input":{"mode":"text-to-video","prompt":"%s","duration":4}}"""
        .formatted(prompt);
  }

  static String soraPro(String prompt) {
    return """
        {"input":{"mode":"text-to-video","prompt":"%s","duration":4,"size":"1280*720"}}"""
        .formatted(prompt);
  }

  String submitted(Response r) {
    assertThat(r.status()).as(r.text()).isIn(200, 202);
    JsonNode body = r.json();
    if (body.has("data")) {
      return body.get("data").get("taskId").stringValue();
    }
    return body.has("request_id")
        ? body.get("request_id").stringValue()
        : body.get("id").stringValue();
  }

  TaskRecord task(String id) {
    return tasks.find(id).orElseThrow();
  }

  TaskRecord awaitState(String id, String... states) {
    await()
        .atMost(RENDER)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> List.of(states).contains(task(id).state().name()));
    return task(id);
  }

  /** Every dialect's read of a task, pinned under {@code <dialect>/<what>-<state>}. */
  void readEverywhere(String state, String id) {
    Golden.check(
        "apixo/status-" + state, apixo("GET", "/api/v1/statusTask/sora-2?taskId=" + id, null));
    Golden.check("pixazo/status-" + state, pixazo("GET", "/v2/requests/status/" + id, null));
    Golden.check(
        "pixazo/result-" + state,
        pixazo("POST", "/sora-video/v1/video/result", Http.json(Map.of("video_id", id))));
    Golden.check("openai/status-" + state, openai("GET", "/v1/videos/" + id, null));
  }

  Response openai(String method, String path, String body, String... headers) {
    String[] all = new String[headers.length + 4];
    all[0] = "Authorization";
    all[1] = "Bearer " + KEY;
    all[2] = "Content-Type";
    all[3] = "application/json";
    System.arraycopy(headers, 0, all, 4, headers.length);
    return send(method, base() + path, body, all);
  }

  Response openaiForm(String key, Multipart form) {
    return Http.sendBytes(
        "POST",
        base() + "/v1/videos",
        form.bytes(),
        "Authorization",
        "Bearer " + key,
        "Content-Type",
        form.contentType());
  }

  // ---- task states ----------------------------------------------------------------------------

  @Test
  @Order(1)
  void aTaskInEveryStateReadsTheSameInEveryDialect() {
    Response first = apixo("POST", "/api/v1/generateTask/sora-2", sora2("a slow lighthouse"));
    Golden.check("apixo/generate", first);
    processing = submitted(first);
    await().atMost(RENDER).until(() -> task(processing).upstreamJobId() != null);
    readEverywhere("processing", processing);

    pending = submitted(apixo("POST", "/api/v1/generateTask/sora-2", sora2("a queued lighthouse")));
    assertThat(task(pending).state().name()).isEqualTo("QUEUED");
    readEverywhere("pending", pending);

    succeeded =
        submitted(apixo("POST", "/api/v1/generateTask/sora-2-pro", soraPro("a finished harbour")));
    awaitState(succeeded, "SUCCEEDED");
    readEverywhere("success", succeeded);

    failed =
        submitted(
            apixo(
                "POST",
                "/api/v1/generateTask/sora-2-pro",
                """
                {"input":{"mode":"image-to-video","prompt":"a missing frame","duration":4,
                 "image_urls":["%s"]}}"""
                    .formatted(image("missing.png"))));
    awaitState(failed, "FAILED");
    readEverywhere("failed", failed);

    Response cancel = apixo("POST", "/api/v1/cancelTask/sora-2?taskId=" + pending, null);
    Golden.check("apixo/cancel", cancel);
    readEverywhere("cancelled", pending);
    Golden.check(
        "apixo/error-cancel-finished",
        apixo("POST", "/api/v1/cancelTask/sora-2?taskId=" + succeeded, null));
  }

  // ---- webhooks -------------------------------------------------------------------------------

  @Test
  @Order(2)
  void webhookPayloadsAreTheDialectsStatusBodies() {
    String apixo =
        submitted(
            apixo(
                "POST",
                "/api/v1/generateTask/sora-2-pro",
                """
                {"request_type":"callback","callback_url":"http://127.0.0.1:9/apixo-hook",
                 "input":{"mode":"text-to-video","prompt":"a called-back harbour","duration":4}}"""));
    String pixazo =
        submitted(
            pixazo(
                "POST",
                "/sora-video/v1/video/generate",
                """
                {"prompt":"a called-back beach","callback_url":"http://127.0.0.1:9/pixazo-hook"}"""));
    String openai =
        submitted(
            openai(
                "POST",
                "/v1/videos",
                """
                {"model":"sora-2-pro","prompt":"a called-back pier","size":"1280x720",
                 "callback_url":"http://127.0.0.1:9/openai-hook"}"""));
    awaitState(apixo, "SUCCEEDED");
    awaitState(pixazo, "SUCCEEDED");
    awaitState(openai, "SUCCEEDED");
    Golden.checkJson("openai/webhook-success", deliveries.ofTask(openai).get(0).payload());
    Golden.checkJson("apixo/webhook-success", deliveries.ofTask(apixo).get(0).payload());
    Golden.checkJson("pixazo/webhook-success", deliveries.ofTask(pixazo).get(0).payload());
    // the outbox writes exactly what the dialect's payload gives for the finished task
    TaskRecord failedTask = task(failed);
    for (WebhookPayloads dialect : payloads) {
      if (List.of("apixo", "pixazo", "openai").contains(dialect.dialect())) {
        Golden.checkJson(
            dialect.dialect() + "/webhook-failed",
            mapper.writeValueAsString(dialect.payload(failedTask)));
      }
    }
  }

  // ---- APIXO submissions and errors -------------------------------------------------------------

  @Test
  @Order(3)
  void apixoAnswersAndErrors() {
    Golden.check(
        "apixo/estimate",
        apixo(
            "POST",
            "/api/v1/estimate/sora-2-pro",
            """
            {"input":{"mode":"text-to-video","prompt":"priced","duration":8,"size":"1792*1024"}}"""));
    Golden.check(
        "apixo/error-unauthorized",
        send("POST", base() + "/api/v1/generateTask/sora-2", sora2("no key")));
    Golden.check(
        "apixo/error-field",
        apixo(
            "POST",
            "/api/v1/generateTask/sora-2",
            "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"x\",\"duration\":5}}"));
    Golden.check("apixo/error-malformed", apixo("POST", "/api/v1/generateTask/sora-2", "{"));
    Golden.check(
        "apixo/error-unknown-model", apixo("POST", "/api/v1/generateTask/sora-9", sora2("x")));
    Golden.check("apixo/error-no-route", apixo("GET", "/api/v1/nope", null));
    Golden.check("apixo/error-method", apixo("GET", "/api/v1/generateTask/sora-2", null));
    Golden.check(
        "apixo/error-unknown-task",
        apixo("GET", "/api/v1/statusTask/sora-2?taskId=task_nope", null));
    Golden.check("apixo/error-task-id-missing", apixo("GET", "/api/v1/statusTask/sora-2", null));
    Golden.check(
        "apixo/error-too-large",
        apixo("POST", "/api/v1/generateTask/sora-2", sora2("x".repeat(JSON_LIMIT_PLUS))));
    Golden.check(
        "apixo/error-content", apixo("POST", "/api/v1/generateTask/sora-2", sora2("csam")));
    Golden.check(
        "apixo/error-callback-missing",
        apixo(
            "POST",
            "/api/v1/generateTask/sora-2",
            "{\"request_type\":\"callback\",\"input\":{\"mode\":\"text-to-video\","
                + "\"prompt\":\"x\",\"duration\":4}}"));
    apixo(
        "POST",
        "/api/v1/generateTask/sora-2-pro",
        soraPro("idempotent one"),
        "Idempotency-Key",
        "golden-1");
    Golden.check(
        "apixo/error-idempotency-conflict",
        apixo(
            "POST",
            "/api/v1/generateTask/sora-2-pro",
            soraPro("idempotent two"),
            "Idempotency-Key",
            "golden-1"));
    String poor = poorKey();
    String veo =
        """
        {"input":{"mode":"fast","prompt":"a poor ocean"}}""";
    Golden.check(
        "apixo/error-insufficient-credits",
        send(
            "POST",
            base() + "/api/v1/generateTask/veo-3-1",
            veo,
            "Authorization",
            "Bearer " + poor,
            "Content-Type",
            "application/json"));
    Response limited =
        send(
            "POST",
            base() + "/api/v1/generateTask/veo-3-1",
            veo,
            "Authorization",
            "Bearer " + poor,
            "Content-Type",
            "application/json");
    Golden.check("apixo/error-rate-limited", limited);
    assertThat(limited.headers().get("retry-after")).isNotEmpty();
  }

  static final int JSON_LIMIT_PLUS = 1024 * 1024 + 10;

  /** A key of an account without credits, limited to one submission a minute per model. */
  String poorKey() {
    if (poorKey != null) {
      return poorKey;
    }
    JsonNode account =
        send(
                "POST",
                base() + "/admin/v1/accounts",
                "{\"name\":\"poor\",\"credits\":0}",
                "Authorization",
                "Bearer " + ADMIN,
                "Content-Type",
                "application/json")
            .json();
    String keyId = account.get("keyId").stringValue();
    for (String model : List.of("veo-3-1", "sora-2-pro", "sora-2")) {
      Response r =
          send(
              "PUT",
              base() + "/admin/v1/keys/" + keyId + "/limits",
              "{\"model\":\"" + model + "\",\"requestsPerMinute\":1,\"concurrentTasks\":5}",
              "Authorization",
              "Bearer " + ADMIN,
              "Content-Type",
              "application/json");
      assertThat(r.status()).as(r.text()).isEqualTo(200);
    }
    poorKey = account.get("apiKey").stringValue();
    return poorKey;
  }

  // ---- Pixazo submissions and errors ------------------------------------------------------------

  @Test
  @Order(4)
  void pixazoAnswersAndErrors() {
    Golden.check(
        "pixazo/generate",
        pixazo("POST", "/sora-video/v1/video/generate", "{\"prompt\":\"a serene beach\"}"));
    Golden.check(
        "pixazo/i2v-generate",
        pixazo(
            "POST",
            "/sora-video/v1/video/i2v/generate",
            Http.json(Map.of("prompt", "a moving landscape", "image", image("landscape.png")))));
    Golden.check(
        "pixazo/error-unauthorized",
        send("POST", base() + "/sora-video/v1/video/generate", "{\"prompt\":\"x\"}"));
    Golden.check(
        "pixazo/error-field",
        pixazo("POST", "/sora-video/v1/video/generate", "{\"prompt\":\"x\",\"seconds\":5}"));
    Golden.check(
        "pixazo/error-malformed", pixazo("POST", "/sora-video/v1/video/generate", "not json"));
    Golden.check(
        "pixazo/error-model",
        pixazo("POST", "/sora-video/v1/video/generate", "{\"prompt\":\"x\",\"model\":\"sora-9\"}"));
    Golden.check(
        "pixazo/error-not-found", pixazo("GET", "/v2/requests/status/sora-video_nope", null));
    Golden.check("pixazo/error-no-route", pixazo("GET", "/sora-video/v1/nope", null));
    Golden.check("pixazo/error-method", pixazo("GET", "/sora-video/v1/video/generate", null));
    Golden.check(
        "pixazo/error-result-id-missing", pixazo("POST", "/sora-video/v1/video/result", "{}"));
    Golden.check(
        "pixazo/error-too-large",
        pixazo(
            "POST",
            "/sora-video/v1/video/generate",
            Http.json(Map.of("prompt", "x".repeat(JSON_LIMIT_PLUS)))));
    Golden.check(
        "pixazo/error-content",
        pixazo("POST", "/sora-video/v1/video/generate", "{\"prompt\":\"csam\"}"));
    Golden.check(
        "pixazo/error-image-size",
        pixazo(
            "POST",
            "/sora-video/v1/video/i2v/generate",
            Http.json(Map.of("prompt", "x", "image", image("landscape.png"), "size", "720x1280"))));
    pixazo(
        "POST",
        "/sora-video/v1/video/generate",
        "{\"prompt\":\"idempotent one\"}",
        "Idempotency-Key",
        "golden-2");
    Golden.check(
        "pixazo/error-idempotency-conflict",
        pixazo(
            "POST",
            "/sora-video/v1/video/generate",
            "{\"prompt\":\"idempotent two\"}",
            "Idempotency-Key",
            "golden-2"));
    String poor = poorKey();
    Golden.check(
        "pixazo/error-insufficient-balance",
        send(
            "POST",
            base() + "/sora-video/v1/video/generate",
            "{\"prompt\":\"a poor beach\"}",
            "Ocp-Apim-Subscription-Key",
            poor,
            "Content-Type",
            "application/json"));
    Response limited =
        send(
            "POST",
            base() + "/sora-video/v1/video/generate",
            "{\"prompt\":\"a poor beach\"}",
            "Ocp-Apim-Subscription-Key",
            poor,
            "Content-Type",
            "application/json");
    Golden.check("pixazo/error-rate-limited", limited);
    assertThat(limited.headers().get("retry-after")).isNotEmpty();
  }

  // ---- model catalog and task lists (APIXO envelope) ------------------------------------------

  @Test
  @Order(5)
  void apixoCatalogAndTaskList() {
    Golden.check("apixo/models", apixo("GET", "/api/v1/models", null));
    String key = richKey("lister");
    List<String> made = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(
          submitted(
              send(
                  "POST",
                  base() + "/api/v1/generateTask/sora-2",
                  sora2("listed " + i),
                  "Authorization",
                  "Bearer " + key,
                  "Content-Type",
                  "application/json")));
    }
    Response first =
        send("GET", base() + "/api/v1/tasks?limit=2", null, "Authorization", "Bearer " + key);
    Golden.check("apixo/tasks", first);
    assertThat(first.json().get("data").get("tasks").get(0).get("taskId").stringValue())
        .isEqualTo(made.get(2));
    String cursor = first.json().get("data").get("nextCursor").stringValue();
    Response second =
        send(
            "GET",
            base() + "/api/v1/tasks?limit=2&cursor=" + cursor,
            null,
            "Authorization",
            "Bearer " + key);
    Golden.check("apixo/tasks-last-page", second);
    assertThat(second.json().get("data").get("tasks").get(0).get("taskId").stringValue())
        .isEqualTo(made.get(0));
    Golden.check(
        "apixo/tasks-filtered",
        send(
            "GET",
            base() + "/api/v1/tasks?state=success&model=sora-2",
            null,
            "Authorization",
            "Bearer " + key));
    Golden.check(
        "apixo/error-tasks-state",
        send("GET", base() + "/api/v1/tasks?state=done", null, "Authorization", "Bearer " + key));
    Golden.check(
        "apixo/error-tasks-cursor",
        send("GET", base() + "/api/v1/tasks?cursor=@@", null, "Authorization", "Bearer " + key));
    Golden.check(
        "apixo/error-tasks-limit",
        send("GET", base() + "/api/v1/tasks?limit=101", null, "Authorization", "Bearer " + key));
  }

  /** A key of a new account with plenty of credits. */
  String richKey(String name) {
    return send(
            "POST",
            base() + "/admin/v1/accounts",
            "{\"name\":\"" + name + "\",\"credits\":100000}",
            "Authorization",
            "Bearer " + ADMIN,
            "Content-Type",
            "application/json")
        .json()
        .get("apiKey")
        .stringValue();
  }

  // ---- OpenAI Videos ---------------------------------------------------------------------------

  @Test
  @Order(6)
  void openaiAnswersAndErrors() {
    Response created =
        openai(
            "POST",
            "/v1/videos",
            """
            {"model":"sora-2","prompt":"a queued kite","seconds":"4","size":"1280x720"}""");
    Golden.check("openai/create", created);
    String queued = submitted(created);
    readEverywhere("openai-made", queued);
    Golden.check(
        "openai/create-multipart",
        openaiForm(
            KEY,
            new Multipart()
                .field("model", "sora-2-pro")
                .field("prompt", "a framed harbour")
                .field("seconds", "8")
                .field("size", "1280x720")
                .file("input_reference", "frame.png", "image/png", TestImages.png(1280, 720))));
    Golden.check(
        "openai/remix",
        openai(
            "POST", "/v1/videos/" + succeeded + "/remix", "{\"prompt\":\"the harbour at night\"}"));
    Golden.check(
        "openai/error-remix-not-ready",
        openai("POST", "/v1/videos/" + queued + "/remix", "{\"prompt\":\"x\"}"));
    Golden.check(
        "openai/error-content-not-ready", openai("GET", "/v1/videos/" + queued + "/content", null));
    Golden.check(
        "openai/error-spritesheet",
        openai("GET", "/v1/videos/" + succeeded + "/content?variant=spritesheet", null));
    Golden.check(
        "openai/error-variant",
        openai("GET", "/v1/videos/" + succeeded + "/content?variant=poster", null));
    Golden.check("openai/delete", openai("DELETE", "/v1/videos/" + queued, null));
    Golden.check("openai/error-not-found", openai("GET", "/v1/videos/" + queued, null));
    Golden.check("openai/models", openai("GET", "/v1/models", null));
    Golden.check("openai/error-no-route", openai("GET", "/v1/nope", null));
    Golden.check("openai/error-method", openai("PUT", "/v1/videos", "{}"));

    String key = richKey("openai-lister");
    for (int i = 0; i < 2; i++) {
      submitted(
          send(
              "POST",
              base() + "/v1/videos",
              "{\"prompt\":\"listed " + i + "\",\"size\":\"1280x720\"}",
              "Authorization",
              "Bearer " + key,
              "Content-Type",
              "application/json"));
    }
    Golden.check(
        "openai/list",
        send("GET", base() + "/v1/videos?limit=1", null, "Authorization", "Bearer " + key));
    Golden.check(
        "openai/error-unauthorized",
        send("GET", base() + "/v1/videos", null, "Authorization", "Bearer rg_wrong"));
    Golden.check(
        "openai/error-seconds",
        openai("POST", "/v1/videos", "{\"prompt\":\"x\",\"seconds\":\"5\"}"));
    Golden.check(
        "openai/error-seconds-type",
        openai("POST", "/v1/videos", "{\"prompt\":\"x\",\"seconds\":4}"));
    Golden.check(
        "openai/error-size",
        openai("POST", "/v1/videos", "{\"prompt\":\"x\",\"size\":\"1792x1024\"}"));
    Golden.check(
        "openai/error-model",
        openai("POST", "/v1/videos", "{\"prompt\":\"x\",\"model\":\"sora-9\"}"));
    Golden.check("openai/error-malformed", openai("POST", "/v1/videos", "{"));
    Golden.check(
        "openai/error-file-id",
        openai(
            "POST",
            "/v1/videos",
            "{\"prompt\":\"x\",\"input_reference\":{\"file_id\":\"file_1\"}}"));
    Golden.check(
        "openai/error-duplicate-field",
        openaiForm(KEY, new Multipart().field("prompt", "x").field("prompt", "y")));
    Golden.check(
        "openai/error-not-an-image",
        openaiForm(
            KEY,
            new Multipart()
                .field("prompt", "x")
                .file("input_reference", "notes.txt", "text/plain", "not pixels".getBytes())));
    Golden.check("openai/error-content", openai("POST", "/v1/videos", "{\"prompt\":\"csam\"}"));
    openai(
        "POST",
        "/v1/videos",
        "{\"prompt\":\"idempotent one\",\"model\":\"sora-2-pro\",\"size\":\"1280x720\"}",
        "Idempotency-Key",
        "golden-3");
    Golden.check(
        "openai/error-idempotency-conflict",
        openai(
            "POST",
            "/v1/videos",
            "{\"prompt\":\"idempotent two\",\"model\":\"sora-2-pro\",\"size\":\"1280x720\"}",
            "Idempotency-Key",
            "golden-3"));
    String poor = poorKey();
    Golden.check(
        "openai/error-insufficient-credits",
        send(
            "POST",
            base() + "/v1/videos",
            "{\"prompt\":\"a poor kite\"}",
            "Authorization",
            "Bearer " + poor,
            "Content-Type",
            "application/json"));
    Response limited =
        send(
            "POST",
            base() + "/v1/videos",
            "{\"prompt\":\"a poor kite\"}",
            "Authorization",
            "Bearer " + poor,
            "Content-Type",
            "application/json");
    Golden.check("openai/error-rate-limited", limited);
    assertThat(limited.headers().get("retry-after")).isNotEmpty();
  }
}
