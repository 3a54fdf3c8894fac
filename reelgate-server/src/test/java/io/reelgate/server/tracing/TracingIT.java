package io.reelgate.server.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.ServerTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With tracing on (spans kept in memory instead of sent over OTLP), one task makes one trace: the
 * submit request, the durable job's run with each step, the upstream call, the write to storage,
 * and the webhook delivery — although the job runs on a scheduler thread and the webhook on
 * another, after the request has ended.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "reelgate.tracing.enabled=true",
      "management.opentelemetry.tracing.export.schedule-delay=100ms"
    })
class TracingIT {
  static final String KEY = "rg_test_tracing_0123456789";
  static final Path DATA = ServerTest.tempDataDir("reelgate-tracing");
  static final WireMockServer RECEIVER = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    RECEIVER.start();
    RECEIVER.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
  }

  @TestConfiguration
  static class Spans {
    @Bean
    InMemorySpanExporter inMemorySpanExporter() {
      return InMemorySpanExporter.create();
    }
  }

  @LocalServerPort int port;
  @Autowired InMemorySpanExporter spans;

  @AfterAll
  static void stop() {
    RECEIVER.stop();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, DATA, KEY);
  }

  @Test
  void oneTaskIsOneTraceFromSubmitToWebhook() {
    String base = "http://localhost:" + port;
    String id =
        Apixo.submit(
            base,
            KEY,
            "sora-2",
            """
            {"request_type":"callback","callback_url":"%s/hook","provider":"official",
             "input":{"mode":"text-to-video","prompt":"a traced kite","duration":4,
             "aspect_ratio":"landscape"}}"""
                .formatted(RECEIVER.baseUrl()));
    Apixo.finished(base, KEY, "sora-2", id, 120);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !RECEIVER.findAll(postRequestedFor(urlPathEqualTo("/hook"))).isEmpty());

    List<String> wanted =
        List.of(
            "task run",
            "task step choosechannel",
            "upstream submit",
            "task step storeresult",
            "storage put",
            "webhook delivery",
            "webhook send");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              SpanData submit = submitSpan();
              List<String> names =
                  spans.getFinishedSpanItems().stream()
                      .filter(s -> s.getTraceId().equals(submit.getTraceId()))
                      .map(s -> s.getName().toLowerCase(Locale.ROOT))
                      .toList();
              assertThat(names).as("spans of the submit's trace").containsAll(wanted);
            });
    SpanData submit = submitSpan();
    SpanData run =
        spans.getFinishedSpanItems().stream()
            .filter(s -> s.getName().equals("task run"))
            .filter(s -> s.getTraceId().equals(submit.getTraceId()))
            .findFirst()
            .orElseThrow();
    assertThat(run.getAttributes().asMap().toString()).contains(id);
    assertThat(run.getParentSpanId()).isEqualTo(submit.getSpanId());
  }

  SpanData submitSpan() {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == SpanKind.SERVER)
        .filter(s -> s.getName().toLowerCase(Locale.ROOT).contains("generatetask"))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no span of the submit request among "
                        + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList()));
  }
}
