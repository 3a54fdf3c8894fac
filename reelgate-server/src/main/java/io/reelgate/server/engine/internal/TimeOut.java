package io.reelgate.server.engine.internal;

import io.reelgate.core.FailureCode;
import io.reelgate.server.task.TaskLifecycle;
import io.reelgate.server.task.TaskRecord;
import org.springframework.stereotype.Component;

/**
 * The task's deadline passed: it fails with PROCESSING_TIMEOUT (its credits released), this node
 * stops polling its job, and the upstream is asked to stop the job where the protocol can.
 */
@Component
class TimeOut implements Stage<Work.Of> {
  private final JobTracker tracker;
  private final Deadlines deadlines;
  private final TaskLifecycle lifecycle;
  private final UpstreamCancel cancel;
  private final WorkDirs workDirs;

  TimeOut(
      JobTracker tracker,
      Deadlines deadlines,
      TaskLifecycle lifecycle,
      UpstreamCancel cancel,
      WorkDirs workDirs) {
    this.tracker = tracker;
    this.deadlines = deadlines;
    this.lifecycle = lifecycle;
    this.cancel = cancel;
    this.workDirs = workDirs;
  }

  @Override
  public Step run(Work.Of work) {
    TaskRecord task = work.task();
    tracker.untrack(task.id());
    String message =
        "the upstream did not finish within the deadline of " + deadlines.model(task).deadline();
    TaskRecord failed = lifecycle.fail(task, FailureCode.PROCESSING_TIMEOUT, message);
    workDirs.clear(task.id());
    cancel.cancel(failed);
    return Step.end();
  }
}
