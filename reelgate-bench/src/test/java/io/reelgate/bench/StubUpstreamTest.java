package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StubUpstreamTest {
  @Test
  void signsLikeTheStandardWebhooksReference() {
    // the test vector of the Standard Webhooks reference libraries
    byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertThat(
            StubUpstream.sign(
                key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
        .isEqualTo("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void heldJobRunsUntilReleasedThenServesItsContent() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (StubUpstream stub = new StubUpstream(new byte[] {1, 2, 3})) {
      String base = stub.baseUrl("ch");
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/videos"))
                  .header("content-type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"model\":\"sora-2\",\"prompt\":\"a boat [bench:7]\",\"seconds\":\"8\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(200);
      assertThat(created.body()).contains("\"status\":\"queued\"").contains("\"seconds\":\"8\"");
      StubUpstream.Job job = stub.bySeq(7);
      assertThat(job).isNotNull();
      URI status = URI.create(base + "/videos/" + job.id);
      URI content = URI.create(base + "/videos/" + job.id + "/content");
      assertThat(get(http, content).statusCode()).isEqualTo(404);

      stub.releaseAll(0);
      await("the job to complete")
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> job.completedNanos() != 0);

      assertThat(new String(get(http, status).body())).contains("\"status\":\"completed\"");
      assertThat(get(http, content).body()).containsExactly(1, 2, 3);
    }
  }

  private static HttpResponse<byte[]> get(HttpClient http, URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
