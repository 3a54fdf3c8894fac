package io.reelgate.server.storage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.S3Server;
import io.reelgate.server.support.ServerTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The object store goes down while tasks are storing their results (rendered locally, and fetched
 * from a stub upstream): the tasks wait, storing, for as long as it is down, and finish once it is
 * back — none fails, each is charged once, and no upstream job is submitted twice. The outage lasts
 * {@code -Dreelgate.test.store-down-seconds} (30 s by default, as the issue asks).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoreUnavailableIT {
  static final String KEY = "rg_test_store_down_0123456789";
  static final Duration DOWN_FOR =
      Duration.ofSeconds(Long.getLong("reelgate.test.store-down-seconds", 30));
  static final S3Server S3 = S3Server.start();
  static final WireMockServer UPSTREAM = upstream();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  static WireMockServer upstream() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    server.stubFor(
        post(urlPathEqualTo("/v1/videos"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"video_{{randomValue length=12 type='ALPHANUMERIC'}}\","
                            + "\"object\":\"video\",\"status\":\"queued\"}")
                    .withTransformers("response-template")));
    server.stubFor(
        get(urlPathMatching("/v1/videos/video_[A-Za-z0-9]+"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"{{request.pathSegments.[2]}}\",\"object\":\"video\","
                            + "\"status\":\"completed\",\"progress\":100}")
                    .withTransformers("response-template")));
    server.stubFor(
        get(urlPathMatching("/v1/videos/video_[A-Za-z0-9]+/content"))
            .willReturn(aResponse().withStatus(200).withBody(new byte[] {0, 0, 0, 8, 'f', 't'})));
    return server;
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, ServerTest.tempDataDir("reelgate-store-down"), KEY);
    S3.properties().forEach((name, value) -> r.add(name, () -> value));
    r.add("reelgate.channels[0].id", () -> "stub");
    r.add("reelgate.channels[0].protocol", () -> "openai-videos");
    r.add("reelgate.channels[0].base-url", () -> UPSTREAM.baseUrl() + "/v1");
    r.add("reelgate.channels[0].api-key", () -> "stub-key");
    r.add("reelgate.channels[0].route", () -> "official");
    r.add("reelgate.channels[0].options.poll-interval", () -> "200ms");
    r.add("reelgate.channels[0].models.sora-2", () -> "sora-2");
  }

  @AfterAll
  static void stop() throws Exception {
    UPSTREAM.stop();
    S3.close();
  }

  String base() {
    return "http://localhost:" + port;
  }

  /** Whether the task is storing its result: OpenAI's progress says 90 then. */
  boolean storing(String id) {
    return Http.send("GET", base() + "/v1/videos/" + id, null, "Authorization", "Bearer " + KEY)
            .json()
            .get("progress")
            .asInt()
        == 90;
  }

  String state(String id) {
    return Apixo.status(base(), KEY, "sora-2", id).get("state").stringValue();
  }

  @Test
  void tasksWaitForTheStoreAndFinishOnceItIsBackChargedOnce() {
    S3.down();
    List<String> ids = new ArrayList<>();
    ids.add(Apixo.submit(base(), KEY, "sora-2", Apixo.sora("upstream one")));
    ids.add(Apixo.submit(base(), KEY, "sora-2", Apixo.sora("upstream two")));
    ids.add(Apixo.submit(base(), KEY, "veo-3-1", Apixo.veo("auto", "rendered here")));
    await().atMost(Duration.ofMinutes(4)).until(() -> ids.stream().allMatch(this::storing));

    await()
        .during(DOWN_FOR)
        .atMost(DOWN_FOR.plusSeconds(10))
        .until(() -> ids.stream().allMatch(this::storing));

    S3.up();
    await()
        .atMost(Duration.ofMinutes(4))
        .until(() -> ids.stream().allMatch(id -> !state(id).equals("processing")));
    assertThat(ids).allSatisfy(id -> assertThat(state(id)).isEqualTo("success"));
    assertThat(S3.keys()).contains(ids.get(0) + "/video.mp4", ids.get(2) + "/video.mp4");
    UPSTREAM.verify(2, postRequestedFor(urlPathEqualTo("/v1/videos")));
    for (String id : ids) {
      assertThat(ledger(id, "CAPTURE")).as("captures of %s", id).isEqualTo(1);
      assertThat(ledger(id, "RELEASE")).as("releases of %s", id).isZero();
    }
    assertThat(jdbc.queryForObject("SELECT SUM(reserved) FROM accounts", Long.class)).isZero();
  }

  int ledger(String taskId, String kind) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM ledger WHERE task_id = ? AND kind = ?", Integer.class, taskId, kind);
  }
}
