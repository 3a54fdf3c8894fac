package io.reelgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.svix.Webhook;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Task webhooks end to end against a real receiver on 127.0.0.1: the exact status body, a signature
 * that the Standard Webhooks reference library accepts, retries under one message id, {@code 410}
 * stopping, the deliveries API and re-sending. Retries wait milliseconds here instead of minutes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookDeliveryIT {
  static final String API_KEY = "rg_webhook_it_0123456789abcdefgh";
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final Receiver receiver = new Receiver();
  private static final Path DATA_DIR = ServerTest.tempDataDir("reelgate-webhook-it");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ServerTest.embeddedServer(registry, DATA_DIR, API_KEY);
    registry.add("reelgate.bootstrap.webhook-secret", () -> SECRET);
    registry.add("reelgate.webhooks.retry-schedule", () -> "0s,300ms,300ms,300ms");
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @Test
  void anApixoCallbackCarriesTheStatusBodySignedForTheReferenceVerifier() throws Exception {
    String url = receiver.script("/apixo", 200);
    String taskId = submit(url);
    JsonNode status = awaitStatus(taskId);
    await(() -> receiver.hits("/apixo").size() == 1, "the webhook");

    Receiver.Hit hit = receiver.hits("/apixo").get(0);
    long completeTime = status.get("data").get("completeTime").longValue();
    long latency = hit.receivedAt() - completeTime;
    System.out.printf(
        "webhook: task completed -> first delivery attempt arrived: %d ms%n", latency);
    assertThat(latency).isLessThan(1000);

    assertThat(hit.header("Content-Type")).isEqualTo("application/json");
    assertThat(hit.header("webhook-id")).startsWith("msg_");
    new Webhook(SECRET).verify(hit.body(), hit.headers());
    // the account's secret is the configured one, and the API shows it
    JsonNode secret = get("/api/v1/webhooks/secret").json();
    assertThat(secret.get("data").get("secret").stringValue()).isEqualTo(SECRET);

    // the body is the statusTask answer; only the signed result URL's expiry may differ
    JsonNode sent = Http.JSON.readTree(hit.body());
    assertThat(withoutUrlSignature(sent)).isEqualTo(withoutUrlSignature(status));
    assertThat(sent.get("data").get("state").stringValue()).isEqualTo("success");
    String resultUrl = resultUrlOf(sent);
    assertThat(Http.send("GET", resultUrl, null).status()).isEqualTo(200);
  }

  @Test
  void failuresAreRetriedUnderOneWebhookIdAndListed() throws Exception {
    String url = receiver.script("/flaky", 500, 503, 200);
    String taskId = submit(url);
    awaitStatus(taskId);
    await(() -> receiver.hits("/flaky").size() >= 3, "three attempts");
    // DELIVERED is written after the 200 and ends the delivery: no attempt can follow it
    JsonNode deliveries = awaitDelivery(taskId, "DELIVERED");
    List<Receiver.Hit> hits = receiver.hits("/flaky");
    assertThat(hits).hasSize(3);
    assertThat(hits.stream().map(h -> h.header("webhook-id")).distinct()).hasSize(1);
    for (Receiver.Hit hit : hits) {
      new Webhook(SECRET).verify(hit.body(), hit.headers());
    }

    JsonNode delivery = deliveries.get(0);
    assertThat(delivery.get("webhookId").stringValue()).isEqualTo(hits.get(0).header("webhook-id"));
    assertThat(delivery.get("attemptCount").intValue()).isEqualTo(3);
    JsonNode attempts = delivery.get("attempts");
    assertThat(attempts).hasSize(3);
    assertThat(attempts.get(0).get("statusCode").intValue()).isEqualTo(500);
    assertThat(attempts.get(0).get("error").stringValue()).isEqualTo("HTTP 500");
    assertThat(attempts.get(1).get("statusCode").intValue()).isEqualTo(503);
    assertThat(attempts.get(2).get("statusCode").intValue()).isEqualTo(200);
    assertThat(attempts.get(2).get("latencyMs").longValue()).isNotNegative();
    assertThat(delivery.get("deliveredTime").longValue()).isPositive();
  }

  @Test
  void goneStopsRetriesAndARedeliveryUsesTheSameWebhookId() {
    String url = receiver.script("/gone", 410, 200);
    String taskId = submit(url);
    awaitStatus(taskId);
    // GAVE_UP ends the delivery: no attempt is scheduled after it
    JsonNode delivery = awaitDelivery(taskId, "GAVE_UP").get(0);
    assertThat(receiver.hits("/gone")).hasSize(1);
    assertThat(delivery.get("attempts")).hasSize(1);
    assertThat(delivery.get("attempts").get(0).get("statusCode").intValue()).isEqualTo(410);

    String webhookId = delivery.get("webhookId").stringValue();
    Http.Response redelivered =
        post("/api/v1/tasks/" + taskId + "/webhooks/" + webhookId + "/redeliver");
    assertThat(redelivered.status()).as(redelivered.text()).isEqualTo(200);
    assertThat(redelivered.json().get("data").get("webhookId").stringValue()).isEqualTo(webhookId);

    JsonNode after = awaitDelivery(taskId, "DELIVERED").get(0);
    assertThat(after.get("attempts")).hasSize(2);
    List<Receiver.Hit> hits = receiver.hits("/gone");
    assertThat(hits).hasSize(2);
    assertThat(hits.get(1).header("webhook-id")).isEqualTo(webhookId);
    assertThat(hits.get(1).body()).isEqualTo(hits.get(0).body());

    assertThat(post("/api/v1/tasks/" + taskId + "/webhooks/msg_nope/redeliver").status())
        .isEqualTo(404);
    assertThat(get("/api/v1/tasks/task_unknown/webhooks").status()).isEqualTo(404);
    assertThat(Http.send("GET", base() + "/api/v1/tasks/" + taskId + "/webhooks", null).status())
        .isEqualTo(401);
  }

  @Test
  void aPixazoWebhookCarriesItsStatusObject() throws Exception {
    String url = receiver.script("/pixazo", 200);
    Http.Response accepted =
        Http.send(
            "POST",
            base() + "/sora-video/v1/video/generate",
            "{\"prompt\": \"a paper boat\", \"seconds\": 4}",
            "Ocp-Apim-Subscription-Key",
            API_KEY,
            "Content-Type",
            "application/json",
            "X-Webhook-URL",
            url);
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    String requestId = accepted.json().get("request_id").stringValue();
    await(() -> receiver.hits("/pixazo").size() == 1, "the Pixazo webhook");
    Receiver.Hit hit = receiver.hits("/pixazo").get(0);
    new Webhook(SECRET).verify(hit.body(), hit.headers());
    ObjectNode sent = (ObjectNode) Http.JSON.readTree(hit.body());
    ObjectNode status =
        (ObjectNode)
            Http.send(
                    "GET",
                    base() + "/v2/requests/status/" + requestId,
                    null,
                    "Ocp-Apim-Subscription-Key",
                    API_KEY)
                .json();
    assertThat(sent.get("status").stringValue()).isEqualTo("COMPLETED");
    for (ObjectNode body : List.of(sent, status)) {
      String media = body.get("output").get("media_url").get(0).stringValue();
      ((ObjectNode) body.get("output")).put("media_url", media.substring(0, media.indexOf('?')));
    }
    assertThat(sent).isEqualTo(status);
  }

  private String submit(String callbackUrl) {
    String body =
        """
        {"request_type": "callback", "callback_url": "%s",
         "input": {"mode": "text-to-video", "prompt": "a paper boat", "duration": 4}}"""
            .formatted(callbackUrl);
    Http.Response r =
        Http.send(
            "POST",
            base() + "/api/v1/generateTask/sora-2",
            body,
            "Authorization",
            "Bearer " + API_KEY,
            "Content-Type",
            "application/json");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("data").get("taskId").stringValue();
  }

  private JsonNode awaitStatus(String taskId) {
    JsonNode[] last = new JsonNode[1];
    await(
        () -> {
          last[0] = get("/api/v1/statusTask/sora-2?taskId=" + taskId).json();
          String state = last[0].get("data").get("state").stringValue();
          return state.equals("success") || state.equals("failed");
        },
        "task " + taskId);
    return last[0];
  }

  private JsonNode awaitDelivery(String taskId, String state) {
    JsonNode[] last = new JsonNode[1];
    await(
        () -> {
          last[0] =
              get("/api/v1/tasks/" + taskId + "/webhooks").json().get("data").get("deliveries");
          return last[0].size() == 1 && last[0].get(0).get("state").stringValue().equals(state);
        },
        "delivery of " + taskId + " to be " + state);
    return last[0];
  }

  private static JsonNode withoutUrlSignature(JsonNode envelope) {
    ObjectNode copy = (ObjectNode) envelope.deepCopy();
    ObjectNode data = (ObjectNode) copy.get("data");
    if (data.has("resultJson")) {
      String url =
          Http.JSON
              .readTree(data.get("resultJson").stringValue())
              .get("resultUrls")
              .get(0)
              .stringValue();
      data.put("resultJson", url.substring(0, url.indexOf('?')));
    }
    return copy;
  }

  private static String resultUrlOf(JsonNode envelope) {
    return Http.JSON
        .readTree(envelope.get("data").get("resultJson").stringValue())
        .get("resultUrls")
        .get(0)
        .stringValue();
  }

  private Http.Response get(String path) {
    return Http.send("GET", base() + path, null, "Authorization", "Bearer " + API_KEY);
  }

  private Http.Response post(String path) {
    return Http.send("POST", base() + path, null, "Authorization", "Bearer " + API_KEY);
  }

  private String base() {
    return "http://localhost:" + port;
  }

  private static void await(BooleanSupplier condition, String what) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(condition::getAsBoolean);
  }
}
