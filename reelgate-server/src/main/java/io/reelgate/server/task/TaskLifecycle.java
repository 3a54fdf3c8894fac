package io.reelgate.server.task;

import io.reelgate.core.FailureCode;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.task.internal.TaskTransactions;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * Every change of a task after it was accepted, each in its own transaction with what must go with
 * it (see {@link TaskTransactions} for the lock order): success captures the reservation, failure
 * and cancellation release it, and every change publishes {@link TaskChanged}. A change of a task
 * whose stored version moved on fails with {@link ConcurrentTaskUpdateException}; a change the
 * transition table does not allow fails with {@link
 * io.reelgate.core.task.IllegalTransitionException}.
 */
@Service
public class TaskLifecycle {
  private final TaskTransactions transactions;
  private final Clock clock;

  public TaskLifecycle(TaskTransactions transactions, Clock clock) {
    this.transactions = transactions;
    this.clock = clock;
  }

  /** QUEUED → RUNNING on a channel, with the concrete output size. */
  public TaskRecord start(TaskRecord task, String channelId, int width, int height) {
    return transactions.change(
        task.change()
            .state(TaskState.RUNNING)
            .handedTo(channelId)
            .output(width, height)
            .startedAt(clock.millis()));
  }

  /** The upstream accepted the job under this id. */
  public TaskRecord accepted(TaskRecord task, String upstreamJobId) {
    return transactions.change(task.change().channel(task.channelId(), upstreamJobId));
  }

  /**
   * A RUNNING task whose submit failed before any upstream accepted it moves to another channel;
   * the next step submits it there.
   */
  public TaskRecord switchChannel(TaskRecord task, String channelId, String reason) {
    return transactions.change(task.change().handedTo(channelId).failure(null, reason));
  }

  /**
   * The upstream ended the job without a video but a new attempt may succeed: the job id is
   * forgotten and the try counted, so the next run submits again.
   */
  public TaskRecord resubmitLater(TaskRecord task, String message) {
    return transactions.change(
        task.change()
            .channel(task.channelId(), null)
            .attempts(task.attempts() + 1)
            .failure(null, message));
  }

  /** Counts a failed try that will be retried. */
  public TaskRecord retryLater(TaskRecord task, String message) {
    return transactions.change(task.change().attempts(task.attempts() + 1).failure(null, message));
  }

  /** RUNNING → STORING: the upstream finished. */
  public TaskRecord storing(TaskRecord task) {
    return transactions.change(task.change().state(TaskState.STORING));
  }

  /** STORING → SUCCEEDED, and the reservation is captured. */
  public TaskRecord succeed(TaskRecord task, String videoKey, String posterKey) {
    return transactions.finish(
        task.change()
            .state(TaskState.SUCCEEDED)
            .result(videoKey, posterKey)
            // why: a retried try may have left a message; a succeeded task carries none
            .failure(null, null)
            .completedAt(clock.millis()));
  }

  /**
   * The stored files of a finished task were deleted at the end of their lifetime: the task stays
   * as it is, and says that its result expired. Its version moves on, so every status body made of
   * it is made again.
   */
  public TaskRecord resultExpired(TaskRecord task) {
    return transactions.change(task.change().resultExpiredAt(clock.millis()));
  }

  /** Any unfinished state → FAILED, and the reservation is released. */
  public TaskRecord fail(TaskRecord task, FailureCode code, String message) {
    return transactions.finish(
        task.change().state(TaskState.FAILED).failure(code, message).completedAt(clock.millis()));
  }

  /**
   * Any unfinished state the transition table allows → CANCELLED, and the reservation is released.
   * Publishes {@link TaskFinished} and then {@link TaskCancelled}.
   */
  public TaskRecord cancel(TaskRecord task) {
    return transactions.finish(
        task.change()
            .state(TaskState.CANCELLED)
            .failure(FailureCode.CANCELLED, "cancelled by the client")
            .completedAt(clock.millis()));
  }
}
