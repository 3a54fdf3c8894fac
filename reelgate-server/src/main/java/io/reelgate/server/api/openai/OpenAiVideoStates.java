package io.reelgate.server.api.openai;

import io.reelgate.core.FailureCode;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.task.TaskRecord;
import java.util.Locale;

/** How a task's state reads in an OpenAI video object: its status, progress and error. */
final class OpenAiVideoStates {
  private OpenAiVideoStates() {}

  /** The {@code status}: queued, in_progress, completed or failed. */
  static String statusOf(TaskState state) {
    return switch (state) {
      case QUEUED -> "queued";
      case RUNNING, STORING -> "in_progress";
      case SUCCEEDED -> "completed";
      case FAILED, CANCELLED -> "failed";
    };
  }

  /** Coarse: queued 0, running upstream 10, storing the video 90, completed 100, failed 0. */
  static int progressOf(TaskState state) {
    return switch (state) {
      case QUEUED, FAILED, CANCELLED -> 0;
      case RUNNING -> 10;
      case STORING -> 90;
      case SUCCEEDED -> 100;
    };
  }

  /** The {@code error} of a failed or cancelled video; null for the others. */
  static OpenAiBodies.VideoError errorOf(TaskRecord task) {
    if (task.state() != TaskState.FAILED && task.state() != TaskState.CANCELLED) {
      return null;
    }
    FailureCode code =
        task.failureCode() != null
            ? task.failureCode()
            : task.state() == TaskState.CANCELLED
                ? FailureCode.CANCELLED
                : FailureCode.INTERNAL_ERROR;
    String message = task.failureMessage() == null ? code.name() : task.failureMessage();
    return new OpenAiBodies.VideoError(code.name().toLowerCase(Locale.ROOT), message);
  }
}
