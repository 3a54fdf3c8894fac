package io.reelgate.server.task;

import io.reelgate.core.request.GenerationRequest;
import io.reelgate.server.access.Caller;
import java.util.Objects;

/**
 * A dialect's request to create a task.
 *
 * @param caller who submits
 * @param dialect the API it came through, which decides the webhook shape
 * @param taskId the id the dialect minted in its own style
 * @param request the normalized request (validated again here against the model's spec)
 * @param callbackUrl where to deliver the completion webhook, or null
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 */
public record SubmitCommand(
    Caller caller,
    String dialect,
    String taskId,
    GenerationRequest request,
    String callbackUrl,
    String idempotencyKey) {
  /** Longest accepted {@code Idempotency-Key}. */
  public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

  public SubmitCommand {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(request, "request");
  }

  /** A submission without an idempotency key. */
  public SubmitCommand(
      Caller caller, String dialect, String taskId, GenerationRequest request, String callbackUrl) {
    this(caller, dialect, taskId, request, callbackUrl, null);
  }
}
