package io.reelgate.server.api.common;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.Http.Response;
import io.reelgate.server.support.ServerTest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Status answers carry an {@code ETag} per dialect and version: a poller that sends it back gets
 * {@code 304} with no body while the task is unchanged, and the new body once it changed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatusEtagIT {
  static final String KEY = "rg_test_etag_0123456789";
  static final WireMockServer UPSTREAM = upstream();
  static final String RUNNING =
      "{\"id\":\"video_etag\",\"object\":\"video\",\"status\":\"in_progress\",\"progress\":10}";
  static final String DONE =
      "{\"id\":\"video_etag\",\"object\":\"video\",\"status\":\"completed\",\"progress\":100}";

  @LocalServerPort int port;
  @Autowired StatusReads reads;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  static WireMockServer upstream() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    server.stubFor(
        post(urlPathEqualTo("/v1/videos"))
            .willReturn(
                okJson("{\"id\":\"video_etag\",\"object\":\"video\",\"status\":\"queued\"}")));
    server.stubFor(get(urlPathEqualTo("/v1/videos/video_etag")).willReturn(okJson(RUNNING)));
    server.stubFor(
        get(urlPathEqualTo("/v1/videos/video_etag/content"))
            .willReturn(aResponse().withStatus(200).withBody(new byte[] {0, 0, 0, 8})));
    return server;
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, ServerTest.tempDataDir("reelgate-etag"), KEY);
    r.add("reelgate.channels[0].id", () -> "etag-stub");
    r.add("reelgate.channels[0].protocol", () -> "openai-videos");
    r.add("reelgate.channels[0].base-url", () -> UPSTREAM.baseUrl() + "/v1");
    r.add("reelgate.channels[0].api-key", () -> "stub-key");
    r.add("reelgate.channels[0].route", () -> "official");
    r.add("reelgate.channels[0].options.poll-interval", () -> "100ms");
    r.add("reelgate.channels[0].models.sora-2", () -> "sora-2");
  }

  Response apixo(String taskId, String ifNoneMatch) {
    String url = "http://localhost:" + port + "/api/v1/statusTask/sora-2?taskId=" + taskId;
    return ifNoneMatch == null
        ? Http.send("GET", url, null, "Authorization", "Bearer " + KEY)
        : Http.send(
            "GET", url, null, "Authorization", "Bearer " + KEY, "If-None-Match", ifNoneMatch);
  }

  Response pixazo(String taskId, String ifNoneMatch) {
    String url = "http://localhost:" + port + "/v2/requests/status/" + taskId;
    return ifNoneMatch == null
        ? Http.send("GET", url, null, "Ocp-Apim-Subscription-Key", KEY)
        : Http.send(
            "GET", url, null, "Ocp-Apim-Subscription-Key", KEY, "If-None-Match", ifNoneMatch);
  }

  @Test
  void anUnchangedTaskAnswers304AndAChangedOneItsNewBody() {
    Response submitted =
        Http.send(
            "POST",
            "http://localhost:" + port + "/api/v1/generateTask/sora-2",
            "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"etag\",\"duration\":4}}",
            "Authorization",
            "Bearer " + KEY,
            "Content-Type",
            "application/json");
    Matcher m = Pattern.compile("task_[0-9a-z]+").matcher(submitted.text());
    assertThat(m.find()).as(submitted.text()).isTrue();
    String taskId = m.group();
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> apixo(taskId, null).text().contains("\"state\":\"processing\""));

    // why: the first polls of the upstream may still move the task (its progress); wait for a
    // version that stays
    Response[] pair = stable(tagged -> apixo(taskId, tagged));
    long fastBefore = reads.answered();
    Response running = pair[0];
    String tag = running.header("ETag");
    assertThat(tag).startsWith("\"apixo-" + taskId + "-");
    assertThat(running.header("Cache-Control")).isEqualTo("no-cache");
    assertControllerHeaders(running, tag);
    Response notModified = pair[1];
    assertThat(headersOf(notModified))
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of("cache-control", "no-cache", "etag", tag));
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.text()).isEmpty();
    assertThat(notModified.header("ETag")).isEqualTo(tag);

    Response[] pixazoPair = stable(tagged -> pixazo(taskId, tagged));
    Response pixazoRunning = pixazoPair[0];
    String pixazoTag = pixazoRunning.header("ETag");
    assertControllerHeaders(pixazoRunning, pixazoTag);
    assertThat(pixazoTag).startsWith("\"pixazo-" + taskId + "-").isNotEqualTo(tag);
    assertThat(pixazoPair[1].header("ETag")).isEqualTo(pixazoTag);
    assertThat(pixazo(taskId, tag).status()).as("another dialect's tag").isEqualTo(200);

    assertThat(reads.answered() - fastBefore)
        .as("plain reads are answered before Spring MVC")
        .isGreaterThanOrEqualTo(3);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        meters
                            .find("http.server.requests")
                            .tag("uri", "/v2/requests/status/{requestId}")
                            .tag("status", "304")
                            .timer())
                    .as("the reads answered early are counted under their controller's pattern")
                    .isNotNull());

    UPSTREAM.stubFor(get(urlPathEqualTo("/v1/videos/video_etag")).willReturn(okJson(DONE)));
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> apixo(taskId, null).text().contains("\"state\":\"success\""));
    Response changed = apixo(taskId, tag);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.text()).contains("\"state\":\"success\"").contains("resultJson");
    assertThat(changed.header("ETag")).isNotEqualTo(tag);
    assertThat(apixo(taskId, changed.header("ETag")).status()).isEqualTo(304);
    assertThat(apixo(taskId, null).text()).as("the same bytes again").isEqualTo(changed.text());
  }

  /** The whole set of headers, as the controllers made them before reads had a fast path. */
  static void assertControllerHeaders(Response answer, String tag) {
    assertThat(headersOf(answer))
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                "cache-control",
                "no-cache",
                "content-length",
                Integer.toString(answer.body().length),
                "content-type",
                "application/json",
                "etag",
                tag));
  }

  /** An answer and the 304 that a poll with its tag got right after it. */
  static Response[] stable(java.util.function.Function<String, Response> poll) {
    Response[] pair = new Response[2];
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> {
              pair[0] = poll.apply(null);
              pair[1] = poll.apply(pair[0].header("ETag"));
              return pair[1].status() == 304;
            });
    return pair;
  }

  /**
   * An answer's headers, without those of the connection that every answer has (date, keep-alive,
   * the request id).
   */
  static java.util.Map<String, String> headersOf(Response r) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    r.headers()
        .forEach(
            (name, values) -> {
              if (name == null) {
                return;
              }
              String n = name.toLowerCase(java.util.Locale.ROOT);
              if (!java.util.Set.of("date", "keep-alive", "connection", "x-request-id")
                  .contains(n)) {
                out.put(n, String.join(",", values));
              }
            });
    return out;
  }
}
