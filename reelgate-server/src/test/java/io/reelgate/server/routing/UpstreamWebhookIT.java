package io.reelgate.server.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.reelgate.providers.support.StandardWebhooks;
import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI-compatible upstream that asks to be polled only every minute pushes a signed {@code
 * video.completed}: the task finishes at once. Bad signatures get 401, unknown channels 404.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamWebhookIT {
  static final String KEY = "rg_test_upstream_hooks_0123";
  static final Path DATA = ServerTest.tempDataDir("reelgate-upstream-hooks");
  static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  static final byte[] VIDEO = "openai-video-bytes".getBytes(StandardCharsets.UTF_8);
  static final WireMockServer OPENAI = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    OPENAI.start();
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @AfterAll
  static void stop() {
    OPENAI.stop();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, DATA, KEY);
    r.add("reelgate.public-base-url", () -> "https://gateway.example");
    r.add("reelgate.channels[0].id", () -> "openai-sora");
    r.add("reelgate.channels[0].protocol", () -> "openai-videos");
    r.add("reelgate.channels[0].base-url", () -> OPENAI.baseUrl() + "/v1");
    r.add("reelgate.channels[0].api-key", () -> "sk-test");
    r.add("reelgate.channels[0].route", () -> "official");
    r.add("reelgate.channels[0].webhook-secret", () -> SECRET);
    r.add("reelgate.channels[0].models.sora-2", () -> "sora-2");
    OPENAI.stubFor(
        post(urlPathEqualTo("/v1/videos"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("openai-poll-after-ms", "60000")
                    .withBody(
                        "{\"id\":\"video_hook_1\",\"object\":\"video\",\"status\":\"queued\"}")));
    OPENAI.stubFor(
        get(urlPathEqualTo("/v1/videos/video_hook_1"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("openai-poll-after-ms", "60000")
                    .withBody(
                        "{\"id\":\"video_hook_1\",\"object\":\"video\","
                            + "\"status\":\"in_progress\"}")));
    OPENAI.stubFor(
        get(urlPathEqualTo("/v1/videos/video_hook_1/content"))
            .willReturn(aResponse().withStatus(200).withBody(VIDEO)));
  }

  String base() {
    return "http://localhost:" + port;
  }

  Http.Response push(String channel, String body, String secret) {
    String id = "msg_" + System.nanoTime();
    long ts = Instant.now().getEpochSecond();
    String signature =
        new StandardWebhooks(secret).sign(id, ts, body.getBytes(StandardCharsets.UTF_8));
    return Http.send(
        "POST",
        base() + "/upstream/v1/webhooks/" + channel,
        body,
        "Content-Type",
        "application/json",
        "webhook-id",
        id,
        "webhook-timestamp",
        String.valueOf(ts),
        "webhook-signature",
        signature);
  }

  @Test
  void aSignedCompletionMovesTheTaskAtOnce() throws Exception {
    String id = Apixo.submit(base(), KEY, "sora-2", Apixo.sora("pushed, not polled"));
    await("the upstream job of " + id)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> jobOf(id) != null);
    assertThat(jobOf(id)).isEqualTo("video_hook_1");
    long pushed = System.nanoTime();
    Http.Response r =
        push(
            "openai-sora",
            "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"video.completed\","
                + "\"created_at\":1700000000,\"data\":{\"id\":\"video_hook_1\"}}",
            SECRET);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("result").stringValue()).isEqualTo("accepted");
    JsonNode done = Apixo.finished(base(), KEY, "sora-2", id, 30);
    long tookMillis = (System.nanoTime() - pushed) / 1_000_000;
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("success");
    // why: the upstream asked for polls a minute apart, so only the push can have finished it
    assertThat(tookMillis).isLessThan(30_000);
    assertThat(Files.readAllBytes(DATA.resolve("results").resolve(id).resolve("video.mp4")))
        .isEqualTo(VIDEO);
    OPENAI.verify(1, getRequestedFor(urlPathEqualTo("/v1/videos/video_hook_1/content")));
  }

  @Test
  void aBadSignatureIsRefused() {
    String other =
        "whsec_"
            + Base64.getEncoder().encodeToString("another-secret-another-secret-00".getBytes());
    Http.Response r =
        push(
            "openai-sora",
            "{\"type\":\"video.completed\",\"data\":{\"id\":\"video_hook_1\"}}",
            other);
    assertThat(r.status()).isEqualTo(401);
  }

  @Test
  void unknownChannelsAndChannelsWithoutWebhooksAreNotFound() {
    assertThat(push("nope", "{}", SECRET).status()).isEqualTo(404);
    assertThat(push("local", "{}", SECRET).status()).isEqualTo(404);
  }

  @Test
  void anUpdateForAnUnknownJobIsAcknowledged() {
    Http.Response r =
        push(
            "openai-sora",
            "{\"id\":\"evt_2\",\"object\":\"event\",\"type\":\"video.completed\","
                + "\"created_at\":1700000000,\"data\":{\"id\":\"video_unknown\"}}",
            SECRET);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("result").stringValue()).isEqualTo("ignored");
  }

  String jobOf(String taskId) {
    return jdbc.sql("SELECT upstream_job_id FROM tasks WHERE id = ?")
        .param(taskId)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
