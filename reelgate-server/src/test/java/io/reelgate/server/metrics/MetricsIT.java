package io.reelgate.server.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.tracing.Tracer;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.ProviderException;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.routing.UpstreamCalls;
import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each metric family moves when its event happens: a submit and a finished render, a task failed by
 * its upstream, upstream calls and a breaker that opens, a webhook that is retried. The actuator
 * runs on a port of its own here ({@code REELGATE_MANAGEMENT_PORT}), as production should run it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {
  static final String KEY = "rg_test_metrics_0123456789";
  static final Path DATA = ServerTest.tempDataDir("reelgate-metrics");
  static final WireMockServer UPSTREAM = started();
  static final WireMockServer RECEIVER = started();

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired UpstreamCalls calls;
  @Autowired ObjectProvider<Tracer> tracers;
  @Autowired ApplicationContext context;
  @Autowired ChannelRouter router;

  static WireMockServer started() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    return server;
  }

  @AfterAll
  static void stop() {
    UPSTREAM.stop();
    RECEIVER.stop();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, DATA, KEY);
    r.add("management.server.port", () -> "0");
    r.add("reelgate.metrics.stored-state-ttl", () -> "0s");
    // a fal channel for veo-3-1 that refuses every request as bad input
    UPSTREAM.stubFor(
        post(urlPathEqualTo("/fal-ai/veo3.1"))
            .willReturn(
                aResponse()
                    .withStatus(422)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"detail\":\"this input is refused\"}")));
    r.add("reelgate.channels[0].id", () -> "fal-refuses");
    r.add("reelgate.channels[0].protocol", () -> "fal");
    r.add("reelgate.channels[0].base-url", UPSTREAM::baseUrl);
    r.add("reelgate.channels[0].api-key", () -> "fal-key");
    r.add("reelgate.channels[0].route", () -> "official");
    r.add("reelgate.channels[0].models.veo-3-1", () -> "fal-ai/veo3.1");
    r.add("reelgate.channels[1].id", () -> "flaky");
    r.add("reelgate.channels[1].protocol", () -> "fal");
    r.add("reelgate.channels[1].base-url", UPSTREAM::baseUrl);
    r.add("reelgate.channels[1].api-key", () -> "fal-key");
    r.add("reelgate.channels[1].route", () -> "value");
    r.add("reelgate.channels[1].models.veo-3-1", () -> "fal-ai/flaky");
    RECEIVER.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
  }

  String base() {
    return "http://localhost:" + port;
  }

  Scrape scrape() {
    return Scrape.of("http://localhost:" + managementPort);
  }

  @Test
  void withoutAnOtlpEndpointTheTracerIsTheNoOpOne() {
    // why: Spring Boot's own switch only stops the export; spans would still be made and sampled
    Tracer tracer = tracers.getIfAvailable(() -> Tracer.NOOP);
    assertThat(tracer).isSameAs(Tracer.NOOP);
    assertThat(context.getEnvironment().getProperty("reelgate.tracing.enabled")).isEqualTo("false");
  }

  @Test
  void theActuatorIsOnTheManagementPortOnly() {
    assertThat(managementPort).isNotEqualTo(port);
    assertThat(Http.send("GET", base() + "/actuator/prometheus", null).status()).isEqualTo(404);
    Scrape s = scrape();
    assertThat(s.has("reelgate_tasks_unfinished")).isTrue();
    assertThat(s.has("reelgate_webhooks_backlog")).isTrue();
    assertThat(s.has("reelgate_event_streams_open")).isTrue();
    assertThat(
            Http.send("GET", "http://localhost:" + managementPort + "/actuator/health", null)
                .status())
        .isEqualTo(200);
  }

  @Test
  void aSubmitAndARenderMoveTheTaskCreditAndRendererFamilies() {
    Scrape before = scrape();
    Map<String, String> sora = Map.of("model", "sora-2", "dialect", "apixo");
    String id = Apixo.submit(base(), KEY, "sora-2", Apixo.sora("a lighthouse at dusk"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> moved(before, "reelgate_tasks_submitted_total", sora));
    Apixo.finished(base(), KEY, "sora-2", id, 120);
    Map<String, String> succeeded =
        Map.of(
            "model", "sora-2", "channel", "local", "outcome", "succeeded", "failure_code", "none");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> moved(before, "reelgate_tasks_finished_total", succeeded));
    Scrape after = scrape();
    assertThat(delta(before, after, "reelgate_credits_total", Map.of("movement", "reserved")))
        .isGreaterThan(0);
    assertThat(delta(before, after, "reelgate_credits_total", Map.of("movement", "captured")))
        .isGreaterThan(0);
    assertThat(
            delta(
                before,
                after,
                "reelgate_tasks_queue_wait_seconds_count",
                Map.of("model", "sora-2")))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            delta(
                before, after, "reelgate_tasks_duration_seconds_count", Map.of("model", "sora-2")))
        .isGreaterThanOrEqualTo(1);
    assertThat(after.has("reelgate_tasks_duration_seconds_bucket")).isTrue();
    assertThat(delta(before, after, "reelgate_renderer_frames_total", Map.of())).isGreaterThan(0);
    assertThat(after.sum("reelgate_renderer_frames_per_second")).isGreaterThan(0);
    assertThat(
            delta(
                before,
                after,
                "reelgate_upstream_calls_seconds_count",
                Map.of("channel", "local", "operation", "submit", "outcome", "ok")))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            delta(
                before,
                after,
                "reelgate_task_steps_seconds_count",
                Map.of("stage", "ChooseChannel", "outcome", "ok")))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            delta(
                before,
                after,
                "reelgate_storage_seconds_count",
                Map.of("operation", "put", "outcome", "ok")))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void aTaskTheUpstreamRefusesCountsAsFailedWithItsCodeAndReleasesItsCredits() {
    Scrape before = scrape();
    String id = Apixo.submit(base(), KEY, "veo-3-1", Apixo.veo("official", "refused please"));
    assertThat(Apixo.finished(base(), KEY, "veo-3-1", id, 60).get("state").stringValue())
        .isEqualTo("failed");
    Map<String, String> failed =
        Map.of(
            "model", "veo-3-1",
            "channel", "fal-refuses",
            "outcome", "failed",
            "failure_code", "upstream_error");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> moved(before, "reelgate_tasks_finished_total", failed));
    Scrape after = scrape();
    assertThat(delta(before, after, "reelgate_credits_total", Map.of("movement", "released")))
        .isGreaterThan(0);
    assertThat(
            delta(
                before,
                after,
                "reelgate_upstream_calls_seconds_count",
                Map.of("channel", "fal-refuses", "operation", "submit", "outcome", "bad_input")))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void failingCallsOpenTheBreakerAndItsGaugeShowsIt() {
    Channel flaky = router.require("flaky");
    Map<String, String> open = Map.of("channel", "flaky", "state", "open");
    assertThat(scrape().sum("reelgate_channel_breaker_state", open)).isZero();
    assertThat(
            scrape()
                .sum(
                    "reelgate_channel_breaker_state",
                    Map.of("channel", "flaky", "state", "closed")))
        .isEqualTo(1);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(
              () ->
                  calls.call(
                      flaky,
                      UpstreamCalls.Operation.SUBMIT,
                      () -> {
                        throw new ProviderException(
                            FailureCategory.UNAVAILABLE, null, true, null, "down", null);
                      }))
          .isInstanceOf(ProviderException.class);
    }
    assertThatThrownBy(() -> calls.call(flaky, UpstreamCalls.Operation.SUBMIT, () -> "never"))
        .hasMessageContaining("circuit open");
    Scrape after = scrape();
    assertThat(after.sum("reelgate_channel_breaker_state", open)).isEqualTo(1);
    assertThat(
            after.sum(
                "reelgate_upstream_calls_seconds_count",
                Map.of("channel", "flaky", "operation", "submit", "outcome", "unavailable")))
        .isEqualTo(5);
    assertThat(
            after.sum(
                "reelgate_upstream_calls_seconds_count",
                Map.of("channel", "flaky", "outcome", "refused")))
        .isEqualTo(1);
    assertThat(after.sum("reelgate_channel_jobs_in_flight", Map.of("channel", "flaky"))).isZero();
  }

  @Test
  void aWebhookThatFailsIsRetriedAndStaysInTheBacklog() {
    Scrape before = scrape();
    String body =
        """
        {"request_type":"callback","callback_url":"%s/hook","provider":"official",
         "input":{"mode":"text-to-video","prompt":"webhook please","duration":4,
         "aspect_ratio":"landscape"}}"""
            .formatted(RECEIVER.baseUrl());
    String id = Apixo.submit(base(), KEY, "sora-2", body);
    Apixo.finished(base(), KEY, "sora-2", id, 120);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                moved(
                    before,
                    "reelgate_webhook_attempts_seconds_count",
                    Map.of("outcome", "retrying")));
    Scrape after = scrape();
    assertThat(after.sum("reelgate_webhooks_backlog")).isGreaterThanOrEqualTo(1);
    assertThat(after.has("reelgate_webhooks_oldest_undelivered_age_seconds")).isTrue();
  }

  /** Runs last, once every family has seen its event. */
  @Test
  @Order(Integer.MAX_VALUE)
  void theDashboardAndTheAlertsNameOnlyMetricsThatExist() throws Exception {
    Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
    if (!Files.isDirectory(root.resolve("deploy"))) {
      root = Path.of("..");
    }
    String deployed =
        Files.readString(root.resolve("deploy/grafana/reelgate-dashboard.json"))
            + Files.readString(root.resolve("deploy/prometheus/alerts.yml"));
    Matcher names = Pattern.compile("reelgate_[a-z_]+").matcher(deployed);
    Scrape now = scrape();
    java.util.Set<String> missing = new java.util.TreeSet<>();
    while (names.find()) {
      if (!now.has(names.group())) {
        missing.add(names.group());
      }
    }
    assertThat(missing).as("metric names in deploy/ that the server does not expose").isEmpty();
  }

  boolean moved(Scrape before, String name, Map<String, String> labels) {
    return delta(before, scrape(), name, labels) >= 1;
  }

  static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }
}
