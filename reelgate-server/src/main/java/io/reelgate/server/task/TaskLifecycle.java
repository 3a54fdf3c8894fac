package io.reelgate.server.task;

import io.reelgate.core.FailureCode;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.billing.Wallet;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pipeline's state changes, each in its own transaction with what must go with it: success
 * captures the reservation, failure releases it. Every change publishes {@link TaskChanged} in its
 * transaction; success and failure also publish {@link TaskFinished}.
 */
@Service
public class TaskLifecycle {
  private final TaskRepository tasks;
  private final Wallet wallet;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  public TaskLifecycle(
      TaskRepository tasks, Wallet wallet, Clock clock, ApplicationEventPublisher events) {
    this.tasks = tasks;
    this.wallet = wallet;
    this.clock = clock;
    this.events = events;
  }

  /** QUEUED → RUNNING on a channel, with the concrete output size. */
  @Transactional
  public TaskRecord start(TaskRecord task, String channelId, int width, int height) {
    tasks.noteTried(task.id(), channelId);
    return changed(
        tasks.update(
            task.change()
                .state(TaskState.RUNNING)
                .channel(channelId, null)
                .output(width, height)
                .startedAt(clock.millis())));
  }

  /** The upstream accepted the job under this id. */
  @Transactional
  public TaskRecord accepted(TaskRecord task, String upstreamJobId) {
    return changed(tasks.update(task.change().channel(task.channelId(), upstreamJobId)));
  }

  /**
   * A RUNNING task whose submit failed before any upstream accepted it moves to another channel;
   * the next run submits it there.
   */
  @Transactional
  public TaskRecord switchChannel(TaskRecord task, String channelId, String reason) {
    tasks.noteTried(task.id(), channelId);
    return changed(tasks.update(task.change().channel(channelId, null).failure(null, reason)));
  }

  /**
   * The upstream ended the job without a video but a new attempt may succeed: the job id is
   * forgotten and the try counted, so the next run submits again.
   */
  @Transactional
  public TaskRecord resubmitLater(TaskRecord task, String message) {
    return changed(
        tasks.update(
            task.change()
                .channel(task.channelId(), null)
                .attempts(task.attempts() + 1)
                .failure(null, message)));
  }

  /** RUNNING → STORING: the upstream finished. */
  @Transactional
  public TaskRecord storing(TaskRecord task) {
    return changed(tasks.update(task.change().state(TaskState.STORING)));
  }

  /** STORING → SUCCEEDED, and the reservation is captured. */
  @Transactional
  public TaskRecord succeed(TaskRecord task, String videoKey, String posterKey) {
    TaskRecord done =
        tasks.update(
            task.change()
                .state(TaskState.SUCCEEDED)
                .result(videoKey, posterKey)
                .completedAt(clock.millis()));
    wallet.capture(task.id());
    events.publishEvent(new TaskChanged(done));
    events.publishEvent(new TaskFinished(done));
    return done;
  }

  /** Any unfinished state → FAILED, and the reservation is released. */
  @Transactional
  public TaskRecord fail(TaskRecord task, FailureCode code, String message) {
    TaskRecord done =
        tasks.update(
            task.change()
                .state(TaskState.FAILED)
                .failure(code, message)
                .completedAt(clock.millis()));
    wallet.release(task.id());
    events.publishEvent(new TaskChanged(done));
    events.publishEvent(new TaskFinished(done));
    return done;
  }

  /** Counts a failed try that will be retried. */
  @Transactional
  public TaskRecord retryLater(TaskRecord task, String message) {
    return changed(
        tasks.update(task.change().attempts(task.attempts() + 1).failure(null, message)));
  }

  private TaskRecord changed(TaskRecord task) {
    events.publishEvent(new TaskChanged(task));
    return task;
  }
}
