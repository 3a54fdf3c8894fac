package io.reelgate.server.api.apixo;

import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.ServerTest;
import tools.jackson.databind.JsonNode;

/** Polls {@code statusTask} until a task finishes. */
final class ApixoAwait {
  private ApixoAwait() {}

  static JsonNode finished(String base, String model, String taskId) {
    return finished(base, model, taskId, ServerTest.API_KEY);
  }

  static JsonNode finished(String base, String model, String taskId, String key) {
    return Apixo.finished(base, key, model, taskId, 180);
  }

  static JsonNode success(String base, String model, String taskId) {
    JsonNode data = finished(base, model, taskId);
    if (!data.get("state").stringValue().equals("success")) {
      throw new AssertionError("task " + taskId + " failed: " + data);
    }
    return data;
  }
}
