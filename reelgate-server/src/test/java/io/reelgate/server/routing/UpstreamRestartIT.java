package io.reelgate.server.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.PackagedServer;
import io.reelgate.server.support.ServerTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A task in flight on an upstream survives {@code kill -9}: the upstream asked for polls ten
 * minutes apart, the server dies, the job finishes meanwhile, and the restarted server polls it at
 * once and stores the result.
 */
class UpstreamRestartIT {
  static final String KEY = "rg_test_upstream_restart_01";
  static final byte[] VIDEO = "restart-video-bytes".getBytes(StandardCharsets.UTF_8);

  final WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort());
  Process server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
    upstream.stop();
  }

  void stubStatus(String status) {
    upstream.stubFor(
        get(urlPathEqualTo("/v1/videos/video_r1"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("openai-poll-after-ms", "600000")
                    .withBody(
                        "{\"id\":\"video_r1\",\"object\":\"video\",\"status\":\""
                            + status
                            + "\"}")));
  }

  Process start(Path data, int port, Path config) throws Exception {
    return PackagedServer.start(
        data,
        port,
        "server",
        Map.of("REELGATE_BOOTSTRAP_API_KEY", KEY, "REELGATE_CONFIG", config.toString()));
  }

  @Test
  void aTaskInFlightUpstreamIsPolledAgainRightAfterAKill() throws Exception {
    upstream.start();
    upstream.stubFor(
        post(urlPathEqualTo("/v1/videos"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("openai-poll-after-ms", "600000")
                    .withBody("{\"id\":\"video_r1\",\"object\":\"video\",\"status\":\"queued\"}")));
    stubStatus("in_progress");
    upstream.stubFor(
        get(urlPathEqualTo("/v1/videos/video_r1/content"))
            .willReturn(aResponse().withStatus(200).withBody(VIDEO)));

    Path data = ServerTest.tempDataDir("reelgate-upstream-restart");
    Path config = data.resolve("reelgate.yml");
    Files.writeString(
        config,
        """
        reelgate:
          channels:
            - id: openai-sora
              protocol: openai-videos
              base-url: %s/v1
              api-key: sk-restart
              route: official
              models:
                sora-2: sora-2
        """
            .formatted(upstream.baseUrl()));
    int port = PackagedServer.freePort();
    String base = "http://localhost:" + port;
    server = start(data, port, config);
    String id = Apixo.submit(base, KEY, "sora-2", Apixo.sora("survive a kill"));
    // the kill must come after the upstream job id is written, or the restart cannot know the job
    // exists; the server logs that line once the write committed
    await("the upstream job id to be written")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                Files.readString(data.resolve("server.log"))
                    .contains("task " + id + ": upstream job video_r1 accepted"));
    assertThat(Apixo.status(base, KEY, "sora-2", id).get("state").stringValue())
        .isEqualTo("processing");

    server.destroyForcibly().waitFor(); // SIGKILL
    stubStatus("completed");
    server = start(data, port, config);

    JsonNode done = Apixo.finished(base, KEY, "sora-2", id, 60);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("success");
    assertThat(Files.readAllBytes(data.resolve("results").resolve(id).resolve("video.mp4")))
        .isEqualTo(VIDEO);
    assertThat(
            upstream
                .countRequestsMatching(
                    com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                            urlPathEqualTo("/v1/videos"))
                        .build())
                .getCount())
        .as("the job is not submitted twice")
        .isEqualTo(1);
  }
}
