package io.reelgate.server.api.pixazo;

import io.reelgate.core.FailureCode;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.storage.SignedUrls;
import io.reelgate.server.task.TaskRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task records in Pixazo's shapes: the universal status object (which is also the webhook body) and
 * the Sora-video result object. Any task of the account can be shown, whichever dialect made it.
 */
final class PixazoViews {
  static final String MEDIA_TYPE = "video/mp4";

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final SignedUrls signedUrls;
  private final Clock clock;

  PixazoViews(SignedUrls signedUrls, Clock clock) {
    this.signedUrls = signedUrls;
    this.clock = clock;
  }

  /** The answer of {@code GET /v2/requests/status/{request_id}}. */
  Map<String, Object> status(TaskRecord task) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("request_id", task.id());
    body.put("status", statusOf(task));
    body.put("model_id", modelId(task.model()));
    body.put("error", error(task));
    if (task.state() == TaskState.SUCCEEDED) {
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("media_url", List.of(signedUrls.urlFor(task.resultKey())));
      output.put("media_type", MEDIA_TYPE);
      body.put("output", output);
    } else {
      body.put("output", null);
    }
    body.put("created_at", iso(task.createdAt()));
    body.put("updated_at", iso(task.updatedAt()));
    body.put("completed_at", task.state().isTerminal() ? iso(task.completedAt()) : null);
    return body;
  }

  /** The answer of {@code POST /sora-video/v1/video/result}. */
  Map<String, Object> result(TaskRecord task) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", task.id());
    body.put("status", resultStatusOf(task.state()));
    body.put("model", task.model());
    body.put("prompt", task.request().prompt());
    body.put("created_at", task.createdAt());
    boolean done = task.state().isTerminal() && task.completedAt() != null;
    body.put("completed_at", done ? task.completedAt() : null);
    if (task.state() == TaskState.SUCCEEDED) {
      body.put("video_url", signedUrls.urlFor(task.resultKey()));
    }
    if (task.state() == TaskState.FAILED || task.state() == TaskState.CANCELLED) {
      body.put("error", error(task));
    }
    long end = done ? task.completedAt() : clock.millis();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("total_attempts", task.attempts() + 1);
    metadata.put("polling_duration_seconds", Math.max(0, (end - task.createdAt()) / 1000));
    body.put("metadata", metadata);
    return body;
  }

  /**
   * QUEUED → QUEUED, RUNNING/STORING → PROCESSING, SUCCEEDED → COMPLETED; a failure the request
   * caused is FAILED, one the system caused (and a cancellation) is ERROR.
   */
  static String statusOf(TaskRecord task) {
    return switch (task.state()) {
      case QUEUED -> "QUEUED";
      case RUNNING, STORING -> "PROCESSING";
      case SUCCEEDED -> "COMPLETED";
      case FAILED ->
          task.failureCode() != null && task.failureCode().causedByRequest() ? "FAILED" : "ERROR";
      case CANCELLED -> "ERROR";
    };
  }

  static String resultStatusOf(TaskState state) {
    return switch (state) {
      case QUEUED -> "queued";
      case RUNNING, STORING -> "in_progress";
      case SUCCEEDED -> "completed";
      case FAILED, CANCELLED -> "failed";
    };
  }

  /**
   * Pixazo names its APIs, not the models behind them: every Sora task is {@code sora-video}. Tasks
   * of other models (made through another dialect) show their catalog id.
   */
  static String modelId(String model) {
    return model.startsWith("sora-") ? "sora-video" : model;
  }

  private static String error(TaskRecord task) {
    if (task.state() == TaskState.CANCELLED) {
      return FailureCode.CANCELLED.name() + ": the task was cancelled";
    }
    if (task.state() != TaskState.FAILED) {
      return null;
    }
    FailureCode code = task.failureCode() == null ? FailureCode.INTERNAL_ERROR : task.failureCode();
    String message = task.failureMessage();
    return message == null || message.isBlank() ? code.name() : code.name() + ": " + message;
  }

  private static String iso(Long millis) {
    return millis == null ? null : ISO_MILLIS.format(Instant.ofEpochMilli(millis));
  }
}
