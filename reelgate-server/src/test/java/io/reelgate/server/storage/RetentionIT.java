package io.reelgate.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.S3Server;
import io.reelgate.server.support.ServerTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Results live for the URL lifetime from completion ({@code -Dreelgate.test.result-ttl-seconds}, 60
 * s by default, as the issue asks): after it the retention job has deleted the objects, the URL
 * answers 410 Gone, and every dialect keeps the task but says its result expired.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RetentionIT {
  static final String KEY = "rg_test_retention_0123456789";
  static final Duration TTL =
      Duration.ofSeconds(Long.getLong("reelgate.test.result-ttl-seconds", 60));
  static final S3Server S3 = S3Server.start();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, ServerTest.tempDataDir("reelgate-retention"), KEY);
    S3.properties().forEach((name, value) -> r.add(name, () -> value));
    r.add("reelgate.storage.url-ttl", () -> TTL.toSeconds() + "s");
    r.add("reelgate.storage.retention-interval", () -> "1s");
  }

  @AfterAll
  static void stop() throws Exception {
    S3.close();
  }

  String base() {
    return "http://localhost:" + port;
  }

  JsonNode openAi(String id) {
    return Http.send("GET", base() + "/v1/videos/" + id, null, "Authorization", "Bearer " + KEY)
        .json();
  }

  JsonNode pixazo(String id) {
    return Http.send(
            "GET", base() + "/v2/requests/status/" + id, null, "Ocp-Apim-Subscription-Key", KEY)
        .json();
  }

  @Test
  void aResultPastItsLifetimeIsDeletedItsUrlIsGoneAndEveryStatusSaysExpired() throws Exception {
    String id = Apixo.submit(base(), KEY, "sora-2", Apixo.sora("a short-lived lighthouse"));
    JsonNode done = Apixo.finished(base(), KEY, "sora-2", id, 240);
    assertThat(done.get("state").stringValue()).isEqualTo("success");
    assertThat(done.get("resultExpired").asBoolean()).isFalse();
    long expireTime = done.get("expireTime").asLong();
    assertThat(expireTime).isEqualTo(done.get("completeTime").asLong() + TTL.toMillis());
    String url =
        Http.JSON
            .readTree(done.get("resultJson").stringValue())
            .get("resultUrls")
            .get(0)
            .stringValue();
    assertThat(url).contains("expires=" + expireTime / 1000);
    assertThat(S3.keys()).contains(id + "/video.mp4");
    assertThat(openAi(id).get("expires_at").asLong()).isEqualTo(expireTime / 1000);
    assertThat(pixazo(id).get("expired").asBoolean()).isFalse();

    await()
        .atMost(TTL.plusMinutes(2))
        .until(() -> Apixo.status(base(), KEY, "sora-2", id).get("resultExpired").asBoolean());

    assertThat(S3.keys()).noneMatch(k -> k.startsWith(id + "/"));
    assertThat(Http.send("GET", url, null).status()).isEqualTo(410);

    JsonNode apixo = Apixo.status(base(), KEY, "sora-2", id);
    assertThat(apixo.get("state").stringValue()).isEqualTo("success");
    assertThat(Http.JSON.readTree(apixo.get("resultJson").stringValue()).get("resultUrls"))
        .isEmpty();
    JsonNode pixazo = pixazo(id);
    assertThat(pixazo.get("status").stringValue()).isEqualTo("COMPLETED");
    assertThat(pixazo.get("expired").asBoolean()).isTrue();
    assertThat(pixazo.get("output").get("media_url")).isEmpty();
    assertThat(pixazo.get("expires_at").stringValue()).isNotBlank();
    JsonNode video = openAi(id);
    assertThat(video.get("status").stringValue()).isEqualTo("completed");
    assertThat(video.get("expires_at").asLong()).isLessThanOrEqualTo(System.currentTimeMillis());
    Http.Response content =
        Http.send(
            "GET",
            base() + "/v1/videos/" + id + "/content",
            null,
            "Authorization",
            "Bearer " + KEY);
    assertThat(content.status()).isEqualTo(410);
    assertThat(content.json().get("error").get("code").stringValue()).isEqualTo("video_expired");
  }
}
