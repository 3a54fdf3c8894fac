package io.reelgate.server.api.pixazo;

import io.reelgate.core.FailureCode;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.storage.SignedUrls;
import io.reelgate.server.task.TaskRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

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
  PixazoBodies.Status status(TaskRecord task) {
    boolean succeeded = task.state() == TaskState.SUCCEEDED;
    boolean expired = succeeded && task.resultExpiredAt() != null;
    PixazoBodies.Output output =
        succeeded
            ? new PixazoBodies.Output(
                expired
                    ? List.of()
                    : List.of(signedUrls.urlFor(task.resultKey(), task.completedAt())),
                MEDIA_TYPE)
            : null;
    return new PixazoBodies.Status(
        task.id(),
        statusOf(task),
        modelId(task.model()),
        error(task),
        output,
        iso(task.createdAt()),
        iso(task.updatedAt()),
        task.state().isTerminal() ? iso(task.completedAt()) : null,
        succeeded ? iso(signedUrls.expiresAt(task.completedAt()).toEpochMilli()) : null,
        expired);
  }

  /** The answer of {@code POST /sora-video/v1/video/result}. */
  PixazoBodies.Result result(TaskRecord task) {
    boolean done = task.state().isTerminal() && task.completedAt() != null;
    boolean failed = task.state() == TaskState.FAILED || task.state() == TaskState.CANCELLED;
    boolean succeeded = task.state() == TaskState.SUCCEEDED;
    boolean expired = succeeded && task.resultExpiredAt() != null;
    long end = done ? task.completedAt() : clock.millis();
    return new PixazoBodies.Result(
        task.id(),
        resultStatusOf(task.state()),
        task.model(),
        task.request().prompt(),
        task.createdAt(),
        done ? task.completedAt() : null,
        succeeded && !expired ? signedUrls.urlFor(task.resultKey(), task.completedAt()) : null,
        failed ? error(task) : null,
        new PixazoBodies.Metadata(
            task.attempts() + 1, Math.max(0, (end - task.createdAt()) / 1000)),
        succeeded ? signedUrls.expiresAt(task.completedAt()).toEpochMilli() : null,
        succeeded ? expired : null);
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
