package io.reelgate.server.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.reelgate.server.engine.Next;
import io.reelgate.server.engine.TaskEngine;
import io.reelgate.server.task.TaskJobs;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One db-scheduler job per unfinished task: its instance id is the task id, so a task has at most
 * one. Each run asks the {@link TaskEngine} to move the task on and reschedules itself for the time
 * the engine says, or ends with the task.
 */
@Configuration(proxyBeanMethods = false)
public class DurableTaskJobs implements TaskJobs, DisposableBean {
  /** The job that moves one task on. */
  static final TaskDescriptor<Void> ADVANCE = TaskDescriptor.of("advance-task");

  private static final Logger log = LoggerFactory.getLogger(DurableTaskJobs.class);
  private static final long MOVE_RETRY_MILLIS = 200;
  private static final int MOVE_TRIES = 50;

  private final ObjectProvider<Scheduler> scheduler;
  private final Clock clock;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("job-move-retry").factory());

  public DurableTaskJobs(ObjectProvider<Scheduler> scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  @Bean
  CustomTask<Void> advanceTaskJob(TaskEngine engine) {
    return Tasks.custom(ADVANCE)
        .onDeadExecutionRevive()
        .execute((instance, context) -> handlerFor(engine.advance(instance.getId())));
  }

  static CompletionHandler<Void> handlerFor(Next next) {
    return switch (next) {
      case Next.Done done -> (complete, ops) -> ops.remove();
      case Next.RunAt at -> (complete, ops) -> ops.reschedule(complete, at.at());
    };
  }

  @Override
  public void scheduleNew(List<String> taskIds) {
    Scheduler jobs = scheduler.getObject();
    Instant now = clock.instant();
    jobs.scheduleBatch(
        taskIds.stream()
            .<SchedulableInstance<?>>map(id -> ADVANCE.instance(id).scheduledTo(now))
            .toList());
    // why: the scheduler looks for due jobs when one is scheduled, which is before this
    // transaction commits; looking again after the commit starts the task without waiting for
    // the next poll of the scheduler
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              jobs.triggerCheckForDueExecutions();
            }
          });
    } else {
      jobs.triggerCheckForDueExecutions();
    }
  }

  @Override
  public void runAt(String taskId, Instant at) {
    move(taskId, at, 0);
  }

  private void move(String taskId, Instant at, int tries) {
    try {
      Scheduler jobs = scheduler.getObject();
      if (jobs.reschedule(ADVANCE.instanceId(taskId), at) && !at.isAfter(clock.instant())) {
        jobs.triggerCheckForDueExecutions();
      }
    } catch (TaskInstanceCurrentlyExecutingException e) {
      // why: the job runs right now and reschedules itself when it ends; try again after that
      if (tries < MOVE_TRIES && !retries.isShutdown()) {
        retries.schedule(
            () -> move(taskId, at, tries + 1), MOVE_RETRY_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (TaskInstanceNotFoundException e) {
      // why: no job means the task is finished: nothing to move
    } catch (RuntimeException e) {
      log.warn("task {}: could not move its job to {}; the backstop will look", taskId, at, e);
    }
  }

  @Override
  public void stop(String taskId) {
    try {
      scheduler.getObject().cancel(ADVANCE.instanceId(taskId));
    } catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException e) {
      // why: a running job ends by itself on the finished task; a missing one has nothing to stop
    } catch (RuntimeException e) {
      // why: db-scheduler reports a job that was picked between its look-up and its removal this
      // way; that job also ends by itself on the finished task
      log.debug("task {}: job not removed: {}", taskId, e.getMessage());
    }
  }

  @Override
  public void stopRunningHere() {
    Scheduler jobs = scheduler.getIfAvailable();
    if (jobs != null && !jobs.getSchedulerState().isShuttingDown()) {
      jobs.stop();
    }
  }

  @Override
  public void destroy() {
    retries.shutdownNow();
  }
}
