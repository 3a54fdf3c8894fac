package io.reelgate.server.engine.internal;

import io.reelgate.core.task.TaskState;
import io.reelgate.providers.PollResult;
import io.reelgate.server.config.PollingSettings;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.task.TaskLifecycle;
import io.reelgate.server.task.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * A task whose job the upstream holds. Its durable job only looks in as a backstop: it makes sure
 * this node polls the job (after a restart, or when the node that polled it died), and times the
 * task out at its deadline. {@link #ended} is the one way from "the upstream job ended" — seen by a
 * poll, pushed by the upstream, or read again while recovering a store — to storing the result or
 * deciding on the failure.
 */
@Component
class TrackJob implements Stage<Work.Of> {
  private final ChannelRouter router;
  private final JobTracker tracker;
  private final Deadlines deadlines;
  private final PollingSettings polling;
  private final TaskLifecycle lifecycle;
  private final TimeOut timeOut;
  private final StoreResult store;

  TrackJob(
      ChannelRouter router,
      JobTracker tracker,
      Deadlines deadlines,
      PollingSettings polling,
      TaskLifecycle lifecycle,
      TimeOut timeOut,
      StoreResult store) {
    this.router = router;
    this.tracker = tracker;
    this.deadlines = deadlines;
    this.polling = polling;
    this.lifecycle = lifecycle;
    this.timeOut = timeOut;
    this.store = store;
  }

  @Override
  public Step run(Work.Of work) {
    TaskRecord task = work.task();
    if (deadlines.passed(task)) {
      return Step.go(timeOut, work);
    }
    tracker.track(task, router.require(task.channelId()), null, Duration.ZERO);
    return new Step.Wait(nextLook(task));
  }

  /**
   * The upstream job ended: store a success, hand a failure back (null: the caller decides with the
   * failure policy). A task already storing (recovering after a crash) is not moved again.
   */
  Step ended(TaskRecord task, PollResult.Succeeded result) {
    TaskRecord storing = task.state() == TaskState.STORING ? task : lifecycle.storing(task);
    return Step.go(
        store, new Work.Produced(storing, router.require(task.channelId()), result.media()));
  }

  /** When the durable job of a task in flight looks in next: the backstop or the deadline. */
  Instant nextLook(TaskRecord task) {
    Instant backstop = deadlines.now().plus(polling.backstop());
    Instant deadline = deadlines.of(task);
    return deadline.isBefore(backstop) ? deadline : backstop;
  }
}
