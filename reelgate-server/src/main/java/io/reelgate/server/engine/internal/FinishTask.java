package io.reelgate.server.engine.internal;

import io.reelgate.server.task.TaskLifecycle;
import org.springframework.stereotype.Component;

/**
 * The result is stored: the task succeeds and its reservation is captured in one transaction (which
 * also writes the webhook it owes); its scratch directory goes.
 */
@Component
class FinishTask implements Stage<Work.Stored> {
  private final TaskLifecycle lifecycle;
  private final WorkDirs workDirs;

  FinishTask(TaskLifecycle lifecycle, WorkDirs workDirs) {
    this.lifecycle = lifecycle;
    this.workDirs = workDirs;
  }

  @Override
  public Step run(Work.Stored work) {
    lifecycle.succeed(work.task(), work.videoKey(), work.posterKey());
    workDirs.clear(work.task().id());
    return Step.end();
  }
}
