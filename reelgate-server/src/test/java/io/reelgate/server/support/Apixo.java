package io.reelgate.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Submits and awaits tasks through the APIXO dialect of a running server. */
public final class Apixo {
  private Apixo() {}

  /** Submits a task and returns its id. */
  public static String submit(String base, String key, String model, String body) {
    Http.Response r =
        Http.send(
            "POST",
            base + "/api/v1/generateTask/" + model,
            body,
            "Authorization",
            "Bearer " + key,
            "Content-Type",
            "application/json");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("code").asInt()).as(r.text()).isEqualTo(200);
    return r.json().get("data").get("taskId").stringValue();
  }

  /** The status {@code data} of a task. */
  public static JsonNode status(String base, String key, String model, String taskId) {
    return Http.send(
            "GET",
            base + "/api/v1/statusTask/" + model + "?taskId=" + taskId,
            null,
            "Authorization",
            "Bearer " + key)
        .json()
        .get("data");
  }

  /** Waits (up to {@code seconds}) until a task succeeded or failed, and returns its status. */
  public static JsonNode finished(
      String base, String key, String model, String taskId, int seconds) {
    return await("task " + taskId + " to finish")
        .atMost(Duration.ofSeconds(seconds))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status(base, key, model, taskId), Apixo::ended);
  }

  /** Whether a status {@code data} says the task ended (success or failed). */
  public static boolean ended(JsonNode data) {
    String state = data.get("state").stringValue();
    return state.equals("success") || state.equals("failed");
  }

  /** A veo-3-1 text-to-video request body with a routing strategy. */
  public static String veo(String provider, String prompt) {
    return """
        {"request_type":"async","provider":"%s","input":{"mode":"quality","prompt":"%s",
         "generationType":"TEXT_2_VIDEO","aspect_ratio":"16:9"}}"""
        .formatted(provider, prompt);
  }

  /** A sora-2 text-to-video request body. */
  public static String sora(String prompt) {
    return """
        {"request_type":"async","provider":"official","input":{"mode":"text-to-video",
         "prompt":"%s","duration":4,"aspect_ratio":"landscape"}}"""
        .formatted(prompt);
  }
}
