package io.reelgate.server.api.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The bodies of the OpenAI Videos dialect, as records written in declaration order. */
final class OpenAiBodies {
  private OpenAiBodies() {}

  /** The video object: every field always present, null where it does not apply. */
  record Video(
      String id,
      String object,
      String model,
      String status,
      int progress,
      @JsonProperty("created_at") long createdAt,
      @JsonProperty("completed_at") Long completedAt,
      @JsonProperty("expires_at") Long expiresAt,
      String prompt,
      String seconds,
      String size,
      @JsonProperty("remixed_from_video_id") String remixedFromVideoId,
      VideoError error) {}

  /** Why a video failed. */
  record VideoError(String code, String message) {}

  /** {@code GET /v1/videos}: one page, with the cursor ids and whether more follow. */
  record VideoList(
      String object,
      List<Video> data,
      @JsonProperty("first_id") String firstId,
      @JsonProperty("last_id") String lastId,
      @JsonProperty("has_more") boolean hasMore) {}

  /** {@code DELETE /v1/videos/{id}}. */
  record Deleted(String id, String object, boolean deleted) {}

  /** {@code GET /v1/models}. */
  record ModelList(String object, List<Model> data) {}

  /** One model as OpenAI lists models. */
  record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {}

  /** The webhook body: a thin event naming the video, as OpenAI's own webhooks sent. */
  record Event(
      String id,
      String object,
      @JsonProperty("created_at") long createdAt,
      String type,
      EventData data) {}

  /** What an event is about. */
  record EventData(String id) {}

  /** Every error: {@code {"error":{"message","type","param","code"}}}. */
  record Error(ErrorDetail error) {}

  /** The error's fields; {@code param} names the request field at fault, where there is one. */
  record ErrorDetail(String message, String type, String param, String code) {}
}
