package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's own HTTP servers on loopback: the baseline's replay and the stub's release. */
class BenchHttpIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void baselineReplaysRecordedAnswersByIndexAndOtherwiseAnswersTheFixedStatus() throws Exception {
    try (Baseline baseline = new Baseline("{\"s\":1}".getBytes(), "{\"st\":1}".getBytes())) {
      baseline.replay(
          List.of(
              new Baseline.Answer(200, "{\"v\":2}".getBytes(), "\"v2\""),
              new Baseline.Answer(304, new byte[0], "\"v2\"")));
      String url = baseline.baseUrl() + "/api/v1/statusTask/sora-2?taskId=t";

      HttpResponse<String> plain = get(url, null);
      HttpResponse<String> first = get(url, "0");
      HttpResponse<String> second = get(url, "1");

      assertThat(plain.statusCode()).isEqualTo(200);
      assertThat(plain.body()).isEqualTo("{\"st\":1}");
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).isEqualTo("{\"v\":2}");
      assertThat(first.headers().firstValue("ETag")).hasValue("\"v2\"");
      assertThat(second.statusCode()).isEqualTo(304);
      assertThat(second.body()).isEmpty();
      assertThat(second.headers().firstValue("ETag")).hasValue("\"v2\"");
    }
  }

  @Test
  void stubReleasesOnlyTheNamedJobsAndPushesToEachNodeInTurn() throws Exception {
    String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    try (StubUpstream stub = new StubUpstream(new byte[] {1});
        WebhookReceiver node1 = new WebhookReceiver(0);
        WebhookReceiver node2 = new WebhookReceiver(0)) {
      stub.push("ch", List.of(URI.create(node1.url()), URI.create(node2.url())), secret);
      for (int seq = 1; seq <= 3; seq++) {
        create(stub.baseUrl("ch"), seq);
      }

      int released = stub.release(List.of(1L, 2L, 99L), 0);

      assertThat(released).isEqualTo(2);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> node1.deliveries() + node2.deliveries() == 2);
      assertThat(node1.deliveries()).isEqualTo(1);
      assertThat(node2.deliveries()).isEqualTo(1);
      assertThat(stub.bySeq(3).completedNanos()).isZero();
      assertThat(stub.release(List.of(1L), 0)).isZero();
    }
  }

  private HttpResponse<String> get(String url, String replay) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (replay != null) {
      b.header(Baseline.REPLAY_HEADER, replay);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void create(String base, int seq) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/videos"))
                .header("content-type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"sora-2\",\"prompt\":\"a boat [bench:" + seq + "]\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }
}
