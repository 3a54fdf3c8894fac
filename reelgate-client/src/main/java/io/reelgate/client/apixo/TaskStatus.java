package io.reelgate.client.apixo;

import io.reelgate.client.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The status of an APIXO task ({@code data} of {@code statusTask}, of a task event and of the
 * task's webhook).
 *
 * @param taskId the task's id
 * @param state the state; {@link TaskState#UNKNOWN} for a state this client does not know
 * @param rawState the state as sent
 * @param model the model, where the answer names it (task lists do), else null
 * @param createTime when the task was accepted
 * @param completeTime when it finished, or null
 * @param costTime how long it took from acceptance to the end, or null
 * @param resultUrls the signed URLs of the video (on success), else empty
 * @param failCode the failure code ({@code CANCELLED}, {@code INVALID_IMAGE_URL}, …), or null
 * @param failMsg the failure's explanation, or null
 * @param progress the upstream's progress in percent where the server reports it, else null
 */
public record TaskStatus(
    String taskId,
    TaskState state,
    String rawState,
    String model,
    Instant createTime,
    Instant completeTime,
    Duration costTime,
    List<String> resultUrls,
    String failCode,
    String failMsg,
    Integer progress) {

  /** Whether the task will not change any more (success or failure). */
  public boolean isFinal() {
    return state.isFinal();
  }

  /** Whether the video is ready. */
  public boolean isSuccess() {
    return state == TaskState.SUCCESS;
  }

  /** The first result URL, or null. */
  public String resultUrl() {
    return resultUrls.isEmpty() ? null : resultUrls.get(0);
  }

  /** Reads the {@code data} object of a status answer. */
  public static TaskStatus fromJson(JsonNode data) {
    String raw = Json.text(data, "state");
    List<String> urls = new ArrayList<>();
    String resultJson = Json.text(data, "resultJson");
    JsonNode result =
        data.get("resultJson") != null && data.get("resultJson").isObject()
            ? data.get("resultJson")
            : Json.parseOrNull(resultJson);
    if (result != null) {
      for (JsonNode url : result.path("resultUrls")) {
        if (url.isString()) {
          urls.add(url.asString());
        }
      }
    }
    Long created = Json.number(data, "createTime");
    Long completed = Json.number(data, "completeTime");
    Long cost = Json.number(data, "costTime");
    JsonNode progress = data.get("progress");
    return new TaskStatus(
        Json.text(data, "taskId"),
        TaskState.of(raw),
        raw,
        Json.text(data, "model"),
        created == null ? null : Instant.ofEpochMilli(created),
        completed == null ? null : Instant.ofEpochMilli(completed),
        cost == null ? null : Duration.ofMillis(cost),
        Collections.unmodifiableList(urls),
        Json.text(data, "failCode"),
        Json.text(data, "failMsg"),
        progress != null && progress.isNumber() ? (Integer) progress.asInt() : null);
  }
}
