package io.reelgate.server.logs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Logs at DEBUG for all of Reelgate while tasks run on the local renderer and on an upstream (with
 * its credential), webhooks are signed and sent (and fail, and are retried and re-sent), results
 * are fetched through signed URLs and the admin API is used, and then checks that none of the
 * secrets involved appears in anything written: API keys (right and wrong), the webhook secret and
 * the signatures made with it, the upstream credential, the URL signing key and the URL signatures,
 * the admin token. It also shows the request id on every answer and in the log lines of the
 * request, and the task id on the lines of a task's work.
 */
// why: logging levels are read before dynamic properties are added
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "logging.level.io.reelgate=debug")
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneIT {
  static final String KEY = "rg_secret_api_key_4fa1c9e2b7d3";
  static final String WRONG_KEY = "rg_wrong_key_9d8c7b6a5f4e";
  static final String WEBHOOK_SECRET = "whsec_c2VjcmV0LXdlYmhvb2stc2VjcmV0LTEyMzQ1Ng==";
  static final String UPSTREAM_KEY = "fal-credential-8e7d6c5b4a39";
  static final String SIGNING_KEY = "url-signing-key-1f2e3d4c5b6a";
  static final String ADMIN = "admin-token-7a6b5c4d3e2f-9e8d7c6b5a4f3e2d";
  static final Path DATA = ServerTest.tempDataDir("reelgate-logs");
  static final WireMockServer FAL = started();
  static final WireMockServer RECEIVER = started();

  @LocalServerPort int port;

  static WireMockServer started() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    return server;
  }

  @AfterAll
  static void stop() {
    FAL.stop();
    RECEIVER.stop();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, DATA, KEY);
    r.add("reelgate.bootstrap.webhook-secret", () -> WEBHOOK_SECRET);
    r.add("reelgate.storage.signing-key", () -> SIGNING_KEY);
    r.add("reelgate.admin-token", () -> ADMIN);
    r.add("reelgate.webhooks.retry-schedule", () -> "0s,1s,1h");
    stubFal();
    r.add("reelgate.channels[0].id", () -> "fal-veo");
    r.add("reelgate.channels[0].protocol", () -> "fal");
    r.add("reelgate.channels[0].base-url", FAL::baseUrl);
    r.add("reelgate.channels[0].api-key", () -> UPSTREAM_KEY);
    r.add("reelgate.channels[0].route", () -> "official");
    r.add("reelgate.channels[0].models.veo-3-1", () -> "fal-ai/veo3.1");
    RECEIVER.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(503)));
  }

  static void stubFal() {
    String id = "fal-req-logs";
    String base = FAL.baseUrl() + "/fal-ai/veo3.1/requests/" + id;
    FAL.stubFor(
        post(urlPathEqualTo("/fal-ai/veo3.1"))
            .willReturn(
                okJson(
                    "{\"request_id\":\"%s\",\"status\":\"IN_QUEUE\",\"response_url\":\"%s\",\"status_url\":\"%s/status\",\"cancel_url\":\"%s/cancel\"}"
                        .formatted(id, base, base, base))));
    FAL.stubFor(
        get(urlPathEqualTo("/fal-ai/veo3.1/requests/" + id + "/status"))
            .willReturn(okJson("{\"status\":\"COMPLETED\",\"request_id\":\"" + id + "\"}")));
    FAL.stubFor(
        get(urlPathEqualTo("/fal-ai/veo3.1/requests/" + id))
            .willReturn(
                okJson(
                    "{\"video\":{\"url\":\""
                        + FAL.baseUrl()
                        + "/files/out.mp4\",\"content_type\":\"video/mp4\"}}")));
    FAL.stubFor(
        get(urlPathEqualTo("/files/out.mp4"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("fal-video-bytes".getBytes(StandardCharsets.UTF_8))));
  }

  String base() {
    return "http://localhost:" + port;
  }

  @Test
  void noSecretAppearsInTheLogs(CapturedOutput output) {
    List<String> secrets = new ArrayList<>(List.of(KEY, WRONG_KEY, WEBHOOK_SECRET, UPSTREAM_KEY));
    secrets.addAll(List.of(SIGNING_KEY, ADMIN));

    // a task on the local renderer with a webhook that fails, is retried and is re-sent
    String local =
        Apixo.submit(
            base(),
            KEY,
            "sora-2",
            """
            {"request_type":"callback","callback_url":"%s/hook","provider":"official",
             "input":{"mode":"text-to-video","prompt":"a quiet harbour","duration":4,
             "aspect_ratio":"landscape"}}"""
                .formatted(RECEIVER.baseUrl()));
    String resultUrl =
        Http.JSON
            .readTree(
                Apixo.finished(base(), KEY, "sora-2", local, 120).get("resultJson").stringValue())
            .get("resultUrls")
            .get(0)
            .stringValue();
    // a task on an upstream that is called with its credential
    String upstream = Apixo.submit(base(), KEY, "veo-3-1", Apixo.veo("official", "a red kite"));
    assertThat(Apixo.finished(base(), KEY, "veo-3-1", upstream, 60).get("state").stringValue())
        .isEqualTo("success");

    // the result through its signed URL, and with the signature tampered with
    assertThat(Http.send("GET", resultUrl, null).status()).isEqualTo(200);
    Matcher sig =
        Pattern.compile("[?&]sig=([^&]+)")
            .matcher(
                URI.create(resultUrl).getRawQuery() == null
                    ? ""
                    : "?" + URI.create(resultUrl).getRawQuery());
    assertThat(sig.find()).as(resultUrl).isTrue();
    secrets.add(sig.group(1));
    assertThat(
            Http.send(
                    "GET",
                    resultUrl.replace(sig.group(1), "AAAA" + sig.group(1).substring(4)),
                    null)
                .status())
        .isIn(403, 404);

    // the webhook's signatures, once it was retried; then a re-send through the API
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> RECEIVER.findAll(postRequestedFor(urlPathEqualTo("/hook"))).size() >= 2);
    RECEIVER
        .findAll(postRequestedFor(urlPathEqualTo("/hook")))
        .forEach(
            request -> {
              for (String s : request.getHeader("webhook-signature").split(" ")) {
                secrets.add(s.substring(s.indexOf(',') + 1));
              }
            });
    String delivery =
        Http.send(
                "GET",
                base() + "/api/v1/tasks/" + local + "/webhooks",
                null,
                "Authorization",
                "Bearer " + KEY)
            .json()
            .get("data")
            .get("deliveries")
            .get(0)
            .get("webhookId")
            .stringValue();
    Http.send(
        "POST",
        base() + "/api/v1/tasks/" + local + "/webhooks/" + delivery + "/redeliver",
        null,
        "Authorization",
        "Bearer " + KEY);

    // a wrong key, the admin API with its token and with a wrong one
    assertThat(
            Http.send(
                    "GET",
                    base() + "/api/v1/statusTask/sora-2?taskId=" + local,
                    null,
                    "Authorization",
                    "Bearer " + WRONG_KEY)
                .status())
        .isEqualTo(401);
    assertThat(
            Http.send(
                    "GET", base() + "/admin/v1/channels", null, "Authorization", "Bearer " + ADMIN)
                .status())
        .isEqualTo(200);
    assertThat(
            Http.send("GET", base() + "/admin/v1/channels", null, "Authorization", "Bearer " + KEY)
                .status())
        .isEqualTo(401);

    String logs = kept(output, "secrets");
    assertThat(logs).as("the captured logs").contains(local).contains(upstream);
    for (String secret : secrets) {
      assertThat(logs).as("the logs hold a secret").doesNotContain(secret);
    }
  }

  /** The captured output, also written under target/ to read when a check fails. */
  static String kept(CapturedOutput output, String name) {
    String all = output.getAll();
    try {
      java.nio.file.Files.writeString(Path.of("target", "log-hygiene-" + name + ".log"), all);
    } catch (java.io.IOException e) {
      // why: the file is only an aid
    }
    return all;
  }

  @Test
  void everyAnswerCarriesARequestIdThatIsInItsLogLines(CapturedOutput output) {
    Http.Response given =
        Http.send(
            "GET",
            base() + "/api/v1/statusTask/sora-2?taskId=task_none",
            null,
            "Authorization",
            "Bearer " + KEY,
            "X-Request-Id",
            "client-chosen-id.42");
    assertThat(given.header("X-Request-Id")).isEqualTo("client-chosen-id.42");

    Http.Response none = Http.send("GET", base() + "/v1/models", null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("X-Request-Id")).matches("req_[A-Za-z0-9]{20}");

    Http.Response insane =
        Http.send("GET", base() + "/v1/models", null, "X-Request-Id", "a".repeat(200));
    assertThat(insane.header("X-Request-Id")).matches("req_[A-Za-z0-9]{20}");
    Http.Response spaces =
        Http.send("GET", base() + "/v1/models", null, "X-Request-Id", "has spaces<script>");
    assertThat(spaces.header("X-Request-Id")).matches("req_[A-Za-z0-9]{20}");
    assertThat(Http.send("GET", base() + "/nowhere", null).header("X-Request-Id")).isNotBlank();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> kept(output, "request-id").contains("[client-chosen-id.42] "));
    assertThat(output.getAll())
        .containsPattern("\\[client-chosen-id\\.42] .*GET /api/v1/statusTask/sora-2 -> ")
        .containsPattern("\\[" + none.header("X-Request-Id") + "] .*GET /v1/models -> 401");

    // the lines of a task's work name the task
    String id = Apixo.submit(base(), KEY, "sora-2", Apixo.sora("a paper boat"));
    Apixo.finished(base(), KEY, "sora-2", id, 120);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> kept(output, "request-id").contains("[" + id + "] "));
    assertThat(output.getAll()).containsPattern("\\[" + id + "] .*ChooseChannel ran");
  }
}
