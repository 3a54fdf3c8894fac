package io.reelgate.server.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * Routing against real HTTP stubs of two upstream protocols for {@code veo-3-1}: a fal queue
 * ({@code value}, cheap) and the Gemini API ({@code official}); plus a fal channel for {@code
 * sora-2} whose jobs never finish, under a 3-second deadline, and a retired model.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChannelRoutingIT {
  static final String KEY = "rg_test_routing_0123456789";
  static final String ADMIN = "admin-token-routing-0123456789abcdef";
  static final Path DATA = ServerTest.tempDataDir("reelgate-routing");
  static final byte[] FAL_VIDEO = "fal-video-bytes".getBytes(StandardCharsets.UTF_8);
  static final byte[] GEMINI_VIDEO = "gemini-video-bytes".getBytes(StandardCharsets.UTF_8);
  static final WireMockServer FAL = started();
  static final WireMockServer GEMINI = started();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  static WireMockServer started() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    return server;
  }

  @AfterAll
  static void stop() {
    FAL.stop();
    GEMINI.stop();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, DATA, KEY);
    stubFal();
    stubSlowFal();
    stubGemini();
    r.add("reelgate.admin-token", () -> ADMIN);
    r.add("reelgate.channels[0].id", () -> "fal-veo");
    r.add("reelgate.channels[0].protocol", () -> "fal");
    r.add("reelgate.channels[0].base-url", FAL::baseUrl);
    r.add("reelgate.channels[0].api-key", () -> "fal-key");
    r.add("reelgate.channels[0].route", () -> "value");
    r.add("reelgate.channels[0].cost", () -> "30");
    r.add("reelgate.channels[0].models.veo-3-1", () -> "fal-ai/veo3.1");
    r.add("reelgate.channels[1].id", () -> "gemini-veo");
    r.add("reelgate.channels[1].protocol", () -> "gemini");
    r.add("reelgate.channels[1].base-url", GEMINI::baseUrl);
    r.add("reelgate.channels[1].api-key", () -> "gemini-key");
    r.add("reelgate.channels[1].route", () -> "official");
    r.add("reelgate.channels[1].cost", () -> "100");
    r.add("reelgate.channels[1].models.veo-3-1", () -> "veo-3.1-generate-preview");
    r.add("reelgate.channels[1].options.poll-interval", () -> "200ms");
    r.add("reelgate.channels[2].id", () -> "fal-slow");
    r.add("reelgate.channels[2].protocol", () -> "fal");
    r.add("reelgate.channels[2].base-url", FAL::baseUrl);
    r.add("reelgate.channels[2].api-key", () -> "fal-key");
    r.add("reelgate.channels[2].route", () -> "official");
    r.add("reelgate.channels[2].models.sora-2", () -> "fal-ai/slow");
    r.add("reelgate.models.sora-2.deadline", () -> "3s");
    r.add("reelgate.models.sora-2-pro.retired-at", () -> "2026-01-01T00:00:00Z");
    r.add("reelgate.model-aliases.veo-latest", () -> "veo-3-1");
  }

  static void stubFal() {
    String id = "fal-req-1";
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
            .willReturn(aResponse().withStatus(200).withBody(FAL_VIDEO)));
  }

  /** A fal job that is accepted and never finishes, and can be cancelled. */
  static void stubSlowFal() {
    String base = FAL.baseUrl() + "/fal-ai/slow/requests/slow-1";
    FAL.stubFor(
        post(urlPathEqualTo("/fal-ai/slow"))
            .willReturn(
                okJson(
                    "{\"request_id\":\"slow-1\",\"status\":\"IN_QUEUE\",\"response_url\":\"%s\",\"status_url\":\"%s/status\",\"cancel_url\":\"%s/cancel\"}"
                        .formatted(base, base, base))));
    FAL.stubFor(
        get(urlPathEqualTo("/fal-ai/slow/requests/slow-1/status"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\":\"IN_PROGRESS\",\"request_id\":\"slow-1\"}")));
    FAL.stubFor(
        put(urlPathEqualTo("/fal-ai/slow/requests/slow-1/cancel"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\":\"CANCELLATION_REQUESTED\"}")));
  }

  static void stubGemini() {
    String submit = "/v1beta/models/veo-3.1-generate-preview:predictLongRunning";
    GEMINI.stubFor(
        post(urlPathEqualTo(submit))
            .atPriority(5)
            .willReturn(okJson("{\"name\":\"operations/op-ok\",\"done\":false}")));
    GEMINI.stubFor(
        post(urlPathEqualTo(submit))
            .atPriority(1)
            .withRequestBody(containing("FAILOVER"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"code\":503,\"message\":\"overloaded\","
                            + "\"status\":\"UNAVAILABLE\"}}")));
    GEMINI.stubFor(
        get(urlPathEqualTo("/v1beta/operations/op-ok"))
            .willReturn(
                okJson(
                    "{\"name\":\"operations/op-ok\",\"done\":true,\"response\":{"
                        + "\"generateVideoResponse\":{\"generatedSamples\":[{\"video\":{\"uri\":\""
                        + GEMINI.baseUrl()
                        + "/v1beta/files/vid1:download?alt=media\"}}]}}}")));
    GEMINI.stubFor(
        get(urlPathEqualTo("/v1beta/files/vid1:download"))
            .willReturn(aResponse().withStatus(200).withBody(GEMINI_VIDEO)));
    GEMINI.stubFor(
        post(urlPathEqualTo("/v1beta/models/slow-model:predictLongRunning"))
            .willReturn(okJson("{\"name\":\"operations/op-slow\",\"done\":false}")));
    GEMINI.stubFor(
        get(urlPathEqualTo("/v1beta/operations/op-slow"))
            .willReturn(okJson("{\"name\":\"operations/op-slow\",\"done\":false}")));
    GEMINI.stubFor(post(urlPathMatching("/v1beta/operations/op-slow.*")).willReturn(okJson("{}")));
  }

  String base() {
    return "http://localhost:" + port;
  }

  byte[] storedVideo(String taskId) throws Exception {
    return Files.readAllBytes(DATA.resolve("results").resolve(taskId).resolve("video.mp4"));
  }

  List<String> tried(String taskId) {
    String tried =
        jdbc.sql("SELECT tried_channels FROM tasks WHERE id = ?")
            .param(taskId)
            .query(String.class)
            .single();
    return List.of(tried.split(","));
  }

  @Test
  void valueGoesToTheCheapChannel() throws Exception {
    String id = Apixo.submit(base(), KEY, "veo-3-1", Apixo.veo("value", "value route please"));
    JsonNode done = Apixo.finished(base(), KEY, "veo-3-1", id, 60);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("success");
    assertThat(storedVideo(id)).isEqualTo(FAL_VIDEO);
    assertThat(tried(id)).containsExactly("fal-veo");
    GEMINI.verify(
        0,
        postRequestedFor(urlPathMatching("/v1beta/models/.*"))
            .withRequestBody(containing("value route please")));
  }

  @Test
  void officialGoesToTheModelMaker() throws Exception {
    String id =
        Apixo.submit(base(), KEY, "veo-3-1", Apixo.veo("official", "official route please"));
    JsonNode done = Apixo.finished(base(), KEY, "veo-3-1", id, 60);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("success");
    assertThat(storedVideo(id)).isEqualTo(GEMINI_VIDEO);
    assertThat(tried(id)).containsExactly("gemini-veo");
    FAL.verify(
        0,
        postRequestedFor(urlPathMatching("/fal-ai/.*"))
            .withRequestBody(containing("official route please")));
  }

  @Test
  void autoFailsOverWhenTheFirstChannelRefusesBeforeAccepting() throws Exception {
    String id = Apixo.submit(base(), KEY, "veo-3-1", Apixo.veo("auto", "FAILOVER test"));
    JsonNode done = Apixo.finished(base(), KEY, "veo-3-1", id, 60);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("success");
    assertThat(storedVideo(id)).isEqualTo(FAL_VIDEO);
    assertThat(tried(id)).containsExactly("gemini-veo", "fal-veo");
    GEMINI.verify(
        1,
        postRequestedFor(urlPathMatching("/v1beta/models/.*"))
            .withRequestBody(containing("FAILOVER test")));
    FAL.verify(
        1,
        postRequestedFor(urlPathEqualTo("/fal-ai/veo3.1"))
            .withRequestBody(containing("FAILOVER test")));
  }

  @Test
  void aJobThatNeverFinishesTimesOutAndReleasesItsCredits() throws Exception {
    long before = balance();
    // why: another test cancels the same stubbed upstream job, so count only this test's cancels
    int cancelsBefore = FAL.countRequestsMatching(cancelled().build()).getCount();
    String id = Apixo.submit(base(), KEY, "sora-2", Apixo.sora("this never finishes"));
    assertThat(balance()).isLessThan(before);
    JsonNode done = Apixo.finished(base(), KEY, "sora-2", id, 60);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("failed");
    assertThat(done.get("failCode").stringValue()).isEqualTo("PROCESSING_TIMEOUT");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM ledger WHERE settles_task = ? AND kind = 'RELEASE'")
                .param(id)
                .query(Long.class)
                .single())
        .isEqualTo(1L);
    assertThat(balance()).isEqualTo(before);
    assertThat(
            jdbc.sql("SELECT upstream_job_id FROM tasks WHERE id = ?")
                .param(id)
                .query(String.class)
                .single())
        .isEqualTo("slow-1");
    // once the task's durable job is gone nothing of this task runs any more, so the count of
    // upstream cancels is final
    await("the upstream cancel, and the task's job to be gone")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                FAL.countRequestsMatching(cancelled().build()).getCount() > cancelsBefore
                    && jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?")
                            .param(id)
                            .query(Long.class)
                            .single()
                        == 0);
    assertThat(FAL.countRequestsMatching(cancelled().build()).getCount())
        .as("the timed-out job is cancelled upstream once")
        .isEqualTo(cancelsBefore + 1);
  }

  @Test
  void aClientCancelAlsoStopsTheUpstreamJob() throws Exception {
    long before = balance();
    int cancelsBefore = FAL.countRequestsMatching(cancelled().build()).getCount();
    String id = Apixo.submit(base(), KEY, "sora-2", Apixo.sora("cancel me upstream"));
    await("the upstream job of " + id)
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                jdbc.sql("SELECT COUNT(*) FROM tasks WHERE id = ? AND upstream_job_id IS NOT NULL")
                        .param(id)
                        .query(Long.class)
                        .single()
                    > 0);
    Http.Response r =
        Http.send(
            "POST",
            base() + "/api/v1/cancelTask/sora-2?taskId=" + id,
            "",
            "Authorization",
            "Bearer " + KEY);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().at("/data/failCode").stringValue()).isEqualTo("CANCELLED");
    assertThat(balance()).isEqualTo(before);
    await("the upstream cancel")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> FAL.countRequestsMatching(cancelled().build()).getCount() > cancelsBefore);
    assertThat(FAL.countRequestsMatching(cancelled().build()).getCount())
        .as("the upstream job was asked to stop")
        .isGreaterThan(cancelsBefore);
  }

  static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder cancelled() {
    return putRequestedFor(urlPathEqualTo("/fal-ai/slow/requests/slow-1/cancel"))
        .withHeader(
            "Authorization",
            com.github.tomakehurst.wiremock.client.WireMock.equalTo("Key fal-key"));
  }

  @Test
  void aRetiredModelTakesNoNewTasks() {
    Http.Response r =
        Http.send(
            "POST",
            base() + "/api/v1/generateTask/sora-2-pro",
            """
            {"input":{"mode":"text-to-video","prompt":"x","duration":4,"size":"1280*720"}}""",
            "Authorization",
            "Bearer " + KEY,
            "Content-Type",
            "application/json");
    assertThat(r.json().get("code").asInt()).isEqualTo(400);
    assertThat(r.json().get("message").stringValue())
        .contains("MODEL_UNAVAILABLE")
        .contains("sora-2-pro")
        .contains("2026-01-01T00:00:00Z");
  }

  @Test
  void anAliasRunsAsItsTarget() {
    String id = Apixo.submit(base(), KEY, "veo-latest", Apixo.veo("value", "alias please"));
    JsonNode done = Apixo.finished(base(), KEY, "veo-latest", id, 60);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("success");
    assertThat(
            jdbc.sql("SELECT model FROM tasks WHERE id = ?").param(id).query(String.class).single())
        .isEqualTo("veo-3-1");
  }

  @Test
  void adminListsEveryChannelWithItsHealth() {
    Http.Response r =
        Http.send("GET", base() + "/admin/v1/channels", null, "Authorization", "Bearer " + ADMIN);
    assertThat(r.status()).isEqualTo(200);
    JsonNode channels = r.json().get("channels");
    assertThat(channels.size()).isEqualTo(4);
    JsonNode fal = null;
    for (JsonNode c : channels) {
      if (c.get("id").stringValue().equals("fal-veo")) {
        fal = c;
      }
    }
    assertThat(fal).isNotNull();
    assertThat(fal.get("protocol").stringValue()).isEqualTo("fal");
    assertThat(fal.get("route").stringValue()).isEqualTo("value");
    assertThat(fal.get("cost").asLong()).isEqualTo(30);
    assertThat(fal.get("models").get(0).stringValue()).isEqualTo("veo-3-1");
    assertThat(fal.get("health").get("state").stringValue()).isEqualTo("closed");
    assertThat(fal.has("recentErrorRate")).isTrue();
    assertThat(fal.get("inFlight").asInt()).isGreaterThanOrEqualTo(0);
  }

  long balance() {
    return jdbc.sql("SELECT balance FROM accounts FETCH FIRST 1 ROWS ONLY")
        .query(Long.class)
        .single();
  }
}
