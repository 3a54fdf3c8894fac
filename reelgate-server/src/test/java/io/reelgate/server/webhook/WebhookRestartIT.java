package io.reelgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.svix.Webhook;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.PackagedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A receiver that is down when its task finishes and stays down while the packaged server is killed
 * with SIGKILL and started again gets the delivery once it comes up: after the restart, exactly
 * once, under the {@code webhook-id} of the attempts that failed before it.
 */
class WebhookRestartIT {
  static final String KEY = "rg_webhook_restart_key_00000000";
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  // retries every second for about a minute: long enough to span the restart
  static final String RETRY_SCHEDULE = "0s," + String.join(",", Collections.nCopies(60, "1s"));

  Process server;
  Receiver receiver;

  private static Process start(Path dataDir, int port, String name) throws Exception {
    return PackagedServer.start(
        dataDir,
        port,
        name,
        Map.of(
            "REELGATE_BOOTSTRAP_API_KEY",
            KEY,
            "REELGATE_BOOTSTRAP_CREDITS",
            "1000000",
            "REELGATE_BOOTSTRAP_WEBHOOK_SECRET",
            SECRET,
            "REELGATE_ALLOW_PRIVATE_NETWORKS",
            "true"),
        "--reelgate.webhooks.retry-schedule=" + RETRY_SCHEDULE);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void aReceiverThatIsDownAcrossARestartGetsItsDeliveryAfterwards() throws Exception {
    Path dataDir = Files.createTempDirectory("reelgate-webhook-restart");
    int port = PackagedServer.freePort();
    int hookPort = PackagedServer.freePort(); // nothing listens here yet: connections are refused
    String base = "http://localhost:" + port;
    String callback = "http://127.0.0.1:" + hookPort + "/hook";
    server = start(dataDir, port, "first");

    Http.Response submitted =
        Http.send(
            "POST",
            base + "/api/v1/generateTask/sora-2",
            """
            {"request_type": "callback", "callback_url": "%s",
             "input": {"mode": "text-to-video", "prompt": "a restart", "duration": 4}}"""
                .formatted(callback),
            "Authorization",
            "Bearer " + KEY,
            "Content-Type",
            "application/json");
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
    String taskId = submitted.json().get("data").get("taskId").stringValue();

    // the task finished and its first attempt failed against the missing receiver
    JsonNode before =
        await(() -> delivery(base, taskId), d -> d.get("attemptCount").intValue() > 0);
    String webhookId = before.get("webhookId").stringValue();
    assertThat(before.get("state").stringValue()).isNotEqualTo("DELIVERED");
    assertThat(before.get("attempts").get(0).get("error").isNull()).isFalse();

    server.destroyForcibly().waitFor(); // SIGKILL
    server = start(dataDir, port, "second");
    long restartedAt = System.currentTimeMillis();
    receiver = new Receiver(hookPort);
    receiver.script("/hook", 200);

    // DELIVERED ends the delivery; after it no attempt is scheduled, so the hits are final
    JsonNode after = await(() -> delivery(base, taskId), d -> !d.get("deliveredTime").isNull());
    List<Receiver.Hit> hits = receiver.hits("/hook");
    assertThat(hits).hasSize(1);
    Receiver.Hit hit = hits.get(0);
    assertThat(hit.receivedAt()).isGreaterThanOrEqualTo(restartedAt);
    assertThat(hit.header("webhook-id")).isEqualTo(webhookId);
    new Webhook(SECRET).verify(hit.body(), hit.headers());
    assertThat(Http.JSON.readTree(hit.body()).get("data").get("state").stringValue())
        .isEqualTo("success");

    assertThat(after.get("state").stringValue()).isEqualTo("DELIVERED");
    assertThat(after.get("webhookId").stringValue()).isEqualTo(webhookId);
    JsonNode attempts = after.get("attempts");
    assertThat(attempts.size()).isGreaterThan(before.get("attemptCount").intValue());
    assertThat(attempts)
        .as("exactly one attempt reached the receiver")
        .filteredOn(a -> a.get("statusCode").isIntegralNumber())
        .filteredOn(a -> a.get("statusCode").intValue() == 200)
        .hasSize(1);
    assertThat(attempts.get(attempts.size() - 1).get("statusCode").intValue()).isEqualTo(200);
    System.out.printf("webhook across a restart: delivered after %d attempts%n", attempts.size());
  }

  private static JsonNode delivery(String base, String taskId) {
    Http.Response r =
        Http.send(
            "GET",
            base + "/api/v1/tasks/" + taskId + "/webhooks",
            null,
            "Authorization",
            "Bearer " + KEY);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode deliveries = r.json().get("data").get("deliveries");
    return deliveries.isEmpty() ? null : deliveries.get(0);
  }

  private static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> done) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(probe::get, last -> last != null && done.test(last));
  }
}
