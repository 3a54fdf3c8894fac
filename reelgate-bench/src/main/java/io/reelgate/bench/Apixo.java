package io.reelgate.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The requests of the APIXO task API that the scenarios send: {@code generateTask} and {@code
 * statusTask}. Every prompt carries the benchmark's sequence number ({@code [bench:<n>]}) so the
 * stub upstream can tell which submission a job belongs to.
 */
final class Apixo {
  private Apixo() {}

  /** The {@code generateTask} body; a callback URL makes it a {@code callback} request. */
  static String submitBody(String model, String callbackUrl, long n) {
    String prompt = "benchmark clip of a lighthouse at dusk [bench:" + n + "]";
    String input =
        model.equals("sora-2")
            ? "{\"mode\":\"text-to-video\",\"prompt\":\"%s\",\"duration\":4,\"aspect_ratio\":\"landscape\"}"
                .formatted(prompt)
            : "{\"mode\":\"text-to-video\",\"prompt\":\"%s\",\"duration\":4,\"size\":\"1280*720\"}"
                .formatted(prompt);
    return callbackUrl == null
        ? "{\"request_type\":\"async\",\"input\":" + input + "}"
        : "{\"request_type\":\"callback\",\"callback_url\":\""
            + callbackUrl
            + "\",\"input\":"
            + input
            + "}";
  }

  static HttpRequest submitRequest(String base, String apiKey, String model, String body) {
    return HttpRequest.newBuilder(URI.create(base + "/api/v1/generateTask/" + model))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static HttpRequest statusRequest(String base, String apiKey, String model, String taskId) {
    return statusBuilder(base, apiKey, model, taskId).build();
  }

  /** A status request still open for more headers ({@code If-None-Match}). */
  static HttpRequest.Builder statusBuilder(
      String base, String apiKey, String model, String taskId) {
    return HttpRequest.newBuilder(
            URI.create(base + "/api/v1/statusTask/" + model + "?taskId=" + taskId))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + apiKey)
        .GET();
  }
}
