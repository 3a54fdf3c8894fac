package io.reelgate.server.api.apixo;

import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import tools.jackson.databind.JsonNode;

/** Polls {@code statusTask} until a task finishes. */
final class ApixoAwait {
  private ApixoAwait() {}

  static JsonNode finished(String base, String model, String taskId) {
    return finished(base, model, taskId, ServerTest.API_KEY);
  }

  static JsonNode finished(String base, String model, String taskId, String key) {
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode data =
          Http.send(
                  "GET",
                  base + "/api/v1/statusTask/" + model + "?taskId=" + taskId,
                  null,
                  "Authorization",
                  "Bearer " + key)
              .json()
              .get("data");
      String state = data.get("state").stringValue();
      if (state.equals("success") || state.equals("failed")) {
        return data;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("task " + taskId + " did not finish in time");
  }

  static JsonNode success(String base, String model, String taskId) {
    JsonNode data = finished(base, model, taskId);
    if (!data.get("state").stringValue().equals("success")) {
      throw new AssertionError("task " + taskId + " failed: " + data);
    }
    return data;
  }
}
