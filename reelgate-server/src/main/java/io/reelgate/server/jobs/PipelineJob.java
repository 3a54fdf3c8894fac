package io.reelgate.server.jobs;

import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import java.time.Instant;

/**
 * The durable job that moves one task through its life. Its instance id is the task id, so a task
 * has at most one job; the job exists while the task is unfinished.
 */
public final class PipelineJob {
  public static final TaskDescriptor<Void> DESCRIPTOR = TaskDescriptor.of("advance-task");

  private PipelineJob() {}

  public static SchedulableInstance<Void> instance(String taskId, Instant when) {
    return DESCRIPTOR.instance(taskId).scheduledTo(when);
  }
}
