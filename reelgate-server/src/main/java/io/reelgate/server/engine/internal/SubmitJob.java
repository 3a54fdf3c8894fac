package io.reelgate.server.engine.internal;

import io.reelgate.core.task.TaskState;
import io.reelgate.providers.Submission;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.UpstreamCalls;
import io.reelgate.server.task.TaskLifecycle;
import io.reelgate.server.task.TaskRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands the prepared task to its channel. A synchronous channel (the local renderer) answers with
 * the video: the slot is given back and the result stored. An upstream that accepts the job is
 * tracked: its id is recorded, the slot passes to the {@link JobTracker}, and the durable job waits
 * until the backstop or the deadline.
 */
@Component
class SubmitJob implements Stage<Work.Prepared> {
  private static final Logger log = LoggerFactory.getLogger(SubmitJob.class);

  private final UpstreamCalls calls;
  private final TaskLifecycle lifecycle;
  private final WorkDirs workDirs;
  private final JobTracker tracker;
  private final TrackJob tracking;
  private final StoreResult store;

  SubmitJob(
      UpstreamCalls calls,
      TaskLifecycle lifecycle,
      WorkDirs workDirs,
      JobTracker tracker,
      TrackJob tracking,
      StoreResult store) {
    this.calls = calls;
    this.lifecycle = lifecycle;
    this.workDirs = workDirs;
    this.tracker = tracker;
    this.tracking = tracking;
    this.store = store;
  }

  @Override
  public boolean beforeAcceptance() {
    return true;
  }

  @Override
  public Step run(Work.Prepared work) {
    TaskRecord task = work.task();
    Channel channel = work.slot().channel();
    Submission submission =
        calls.call(
            channel,
            UpstreamCalls.Operation.SUBMIT,
            () ->
                channel
                    .provider()
                    .submit(
                        ProviderJobs.of(task, channel, work.inputs(), workDirs.dirFor(task.id()))));
    return switch (submission) {
      case Submission.Finished finished -> {
        work.slot().release();
        TaskRecord storing = task.state() == TaskState.STORING ? task : lifecycle.storing(task);
        yield Step.go(store, new Work.Produced(storing, channel, finished.media()));
      }
      case Submission.Accepted accepted -> {
        TaskRecord running = lifecycle.accepted(task, accepted.upstreamJobId());
        log.info(
            "task {}: upstream job {} accepted on channel {}",
            task.id(),
            accepted.upstreamJobId(),
            channel.id());
        tracker.track(running, channel, work.slot(), accepted.pollAfter());
        yield new Step.Wait(tracking.nextLook(running));
      }
    };
  }
}
