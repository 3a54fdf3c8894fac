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

  /** The universal status object (also the webhook body); every field is always present. */
  record Status(
      @JsonProperty("request_id") String requestId,
      String status,
      @JsonProperty("model_id") String modelId,
      String error,
      Output output,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("updated_at") String updatedAt,
      @JsonProperty("completed_at") String completedAt) {}

  /** The video of a completed request. */
  record Output(
      @JsonProperty("media_url") List<String> mediaUrl,
      @JsonProperty("media_type") String mediaType) {}

  /** The Sora-video result object; {@code video_url} and {@code error} only where they apply. */
  record Result(
      String id,
      String status,
      String model,
      String prompt,
      @JsonProperty("created_at") long createdAt,
      @JsonProperty("completed_at") Long completedAt,
      @JsonProperty("video_url") @JsonInclude(JsonInclude.Include.NON_NULL) String videoUrl,
      @JsonInclude(JsonInclude.Include.NON_NULL) String error,
      Metadata metadata) {}

  /** How long and how often the request was tried. */
  record Metadata(
      @JsonProperty("total_attempts") int totalAttempts,
      @JsonProperty("polling_duration_seconds") long pollingDurationSeconds) {}

  /** Every error: {@code {"error","message"}}. */
  record Error(String error, String message) {}
}
