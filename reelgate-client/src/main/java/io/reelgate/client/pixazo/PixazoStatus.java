package io.reelgate.client.pixazo;

import io.reelgate.client.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The universal status object ({@code GET /v2/requests/status/{request_id}}), which is also the
 * body of a Pixazo task's webhook and event.
 *
 * @param requestId the request's id
 * @param status the state; {@link PixazoState#UNKNOWN} for a value this client does not know
 * @param rawStatus the status as sent
 * @param modelId {@code sora-video} for Sora tasks, else the model id
 * @param error what went wrong, or null
 * @param mediaUrls the video URLs once completed, else empty
 * @param mediaType {@code video/mp4} once completed, else null
 * @param createdAt when it was accepted
 * @param updatedAt when it last changed
 * @param completedAt when it finished, or null
 */
public record PixazoStatus(
    String requestId,
    PixazoState status,
    String rawStatus,
    String modelId,
    String error,
    List<String> mediaUrls,
    String mediaType,
    Instant createdAt,
    Instant updatedAt,
    Instant completedAt) {

  /** Whether the request will not change any more. */
  public boolean isFinal() {
    return status.isFinal();
  }

  /** Reads the status object. */
  public static PixazoStatus fromJson(JsonNode json) {
    List<String> urls = new ArrayList<>();
    JsonNode output = json.path("output");
    for (JsonNode url : output.path("media_url")) {
      if (url.isString()) {
        urls.add(url.asString());
      }
    }
    String raw = Json.text(json, "status");
    return new PixazoStatus(
        Json.text(json, "request_id"),
        PixazoState.of(raw),
        raw,
        Json.text(json, "model_id"),
        Json.text(json, "error"),
        Collections.unmodifiableList(urls),
        output.isObject() ? Json.text(output, "media_type") : null,
        instant(Json.text(json, "created_at")),
        instant(Json.text(json, "updated_at")),
        instant(Json.text(json, "completed_at")));
  }

  private static Instant instant(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return Instant.parse(iso);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
