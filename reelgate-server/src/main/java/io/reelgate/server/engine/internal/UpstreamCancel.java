package io.reelgate.server.engine.internal;

import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.routing.UpstreamCalls;
import io.reelgate.server.task.TaskCancelled;
import io.reelgate.server.task.TaskRecord;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Asks the upstream to stop a task's job, best effort: protocols without cancel, channels no longer
 * configured and upstream errors are logged and otherwise ignored, since the task's own state is
 * decided already. Also stops this node's polling of the job.
 */
@Component
class UpstreamCancel {
  private static final Logger log = LoggerFactory.getLogger(UpstreamCancel.class);

  private final ChannelRouter router;
  private final UpstreamCalls calls;
  private final JobTracker tracker;
  private final WorkDirs workDirs;

  UpstreamCancel(ChannelRouter router, UpstreamCalls calls, JobTracker tracker, WorkDirs workDirs) {
    this.router = router;
    this.calls = calls;
    this.tracker = tracker;
    this.workDirs = workDirs;
  }

  /**
   * A client cancelled a task: once that has committed, ask its upstream to stop the job, on a
   * thread of its own so the client's answer does not wait for the upstream.
   */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void onCancelled(TaskCancelled event) {
    TaskRecord task = event.task();
    Thread.ofVirtual().name("upstream-cancel-" + task.id()).start(() -> cancel(task));
  }

  /**
   * Asks the upstream to stop the task's job.
   *
   * @return whether the upstream was asked and took the request
   */
  boolean cancel(TaskRecord task) {
    tracker.untrack(task.id());
    if (task.upstreamJobId() == null) {
      return false;
    }
    Optional<Channel> channel = router.byId(task.channelId());
    if (channel.isEmpty()) {
      log.info(
          "task {}: channel {} is no longer configured; not cancelled upstream",
          task.id(),
          task.channelId());
      return false;
    }
    Channel c = channel.get();
    try {
      boolean asked =
          calls.call(
              c,
              UpstreamCalls.Operation.CANCEL,
              () ->
                  c.provider()
                      .cancel(
                          ProviderJobs.of(task, c, null, workDirs.dirFor(task.id())),
                          task.upstreamJobId()));
      log.info(
          "task {}: upstream job {} on {} {}",
          task.id(),
          task.upstreamJobId(),
          c.id(),
          asked ? "cancelled" : "cannot be cancelled by this protocol");
      return asked;
    } catch (RuntimeException e) {
      log.warn("task {}: upstream cancel on {} failed: {}", task.id(), c.id(), e.getMessage());
      return false;
    }
  }
}
