package io.reelgate.client.pixazo;

import io.reelgate.client.internal.Json;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * The Sora-video result object ({@code POST /sora-video/v1/video/result}).
 *
 * @param id the request's id
 * @param status {@code queued}, {@code in_progress}, {@code completed} or {@code failed}
 * @param model the model
 * @param prompt the prompt
 * @param createdAt when it was accepted
 * @param completedAt when it finished, or null
 * @param videoUrl the video's URL once completed, else null
 * @param error what went wrong, or null
 * @param totalAttempts attempts made
 * @param pollingDurationSeconds seconds from acceptance to the end (or to now)
 */
public record PixazoResult(
    String id,
    String status,
    String model,
    String prompt,
    Instant createdAt,
    Instant completedAt,
    String videoUrl,
    String error,
    Long totalAttempts,
    Long pollingDurationSeconds) {

  /** Reads the result object. */
  public static PixazoResult fromJson(JsonNode json) {
    Long created = Json.number(json, "created_at");
    Long completed = Json.number(json, "completed_at");
    JsonNode metadata = json.path("metadata");
    return new PixazoResult(
        Json.text(json, "id"),
        Json.text(json, "status"),
        Json.text(json, "model"),
        Json.text(json, "prompt"),
        created == null ? null : Instant.ofEpochMilli(created),
        completed == null ? null : Instant.ofEpochMilli(completed),
        Json.text(json, "video_url"),
        Json.text(json, "error"),
        Json.number(metadata, "total_attempts"),
        Json.number(metadata, "polling_duration_seconds"));
  }
}
