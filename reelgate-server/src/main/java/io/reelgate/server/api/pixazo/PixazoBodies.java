package io.reelgate.server.api.pixazo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The bodies of the Pixazo dialect, as records the JSON mapper writes in declaration order. */
final class PixazoBodies {
  private PixazoBodies() {}

  /** The 202 answer of a generate call. */
  record Accepted(
      @JsonProperty("request_id") String requestId,
      String status,
      @JsonProperty("polling_url") String pollingUrl) {}

  /**
   * The universal status object (also the webhook body); every field is always present. A completed
   * request says until when its media URLs work ({@code expires_at}) and whether that time has
   * passed and the media was deleted ({@code expired}; {@code media_url} is empty then).
   */
  record Status(
      @JsonProperty("request_id") String requestId,
      String status,
      @JsonProperty("model_id") String modelId,
      String error,
      Output output,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("updated_at") String updatedAt,
      @JsonProperty("completed_at") String completedAt,
      @JsonProperty("expires_at") String expiresAt,
      boolean expired) {}

  /** The video of a completed request. */
  record Output(
      @JsonProperty("media_url") List<String> mediaUrl,
      @JsonProperty("media_type") String mediaType) {}

  /**
   * The Sora-video result object; {@code video_url} and {@code error} only where they apply. A
   * completed video also has {@code expires_at} (Unix ms) and {@code expired}; once expired it has
   * no {@code video_url}.
   */
  record Result(
      String id,
      String status,
      String model,
      String prompt,
      @JsonProperty("created_at") long createdAt,
      @JsonProperty("completed_at") Long completedAt,
      @JsonProperty("video_url") @JsonInclude(JsonInclude.Include.NON_NULL) String videoUrl,
      @JsonInclude(JsonInclude.Include.NON_NULL) String error,
      Metadata metadata,
      @JsonProperty("expires_at") @JsonInclude(JsonInclude.Include.NON_NULL) Long expiresAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean expired) {}

  /** How long and how often the request was tried. */
  record Metadata(
      @JsonProperty("total_attempts") int totalAttempts,
      @JsonProperty("polling_duration_seconds") long pollingDurationSeconds) {}

  /** Every error: {@code {"error","message"}}. */
  record Error(String error, String message) {}
}
