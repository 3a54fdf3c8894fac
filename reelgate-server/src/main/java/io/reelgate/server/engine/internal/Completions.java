package io.reelgate.server.engine.internal;

import io.reelgate.providers.PollResult;
import io.reelgate.server.config.PollingSettings;
import io.reelgate.server.engine.Next;
import io.reelgate.server.engine.TaskEngine;
import io.reelgate.server.task.TaskJobs;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where the end of an upstream job arrives, from a poll of the {@link JobTracker} or from a pushed
 * update alike: it is acted on right here, on a virtual thread (at most {@code parallel-finishes}
 * at once), while the task's durable job still waits as the backstop. If the process dies
 * meanwhile, that job finds the task running or storing and asks the upstream again.
 */
@Component
class Completions implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(Completions.class);

  private final StepRunner runner;
  private final TaskJobs jobs;
  private final Semaphore finishing;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

  Completions(StepRunner runner, TaskJobs jobs, JobTracker tracker, PollingSettings settings) {
    this.runner = runner;
    this.jobs = jobs;
    this.finishing = new Semaphore(settings.parallelFinishes());
    tracker.listen(this::accept);
  }

  /** An upstream job ended (a {@code Running} result changes nothing). */
  void accept(String taskId, PollResult result) {
    if (result instanceof PollResult.Running) {
      return;
    }
    try {
      workers.execute(() -> finish(taskId, result));
    } catch (RejectedExecutionException stopping) {
      // why: the server stops; the durable job takes the task back after the restart
    }
  }

  private void finish(String taskId, PollResult result) {
    try (var logged = org.slf4j.MDC.putCloseable(TaskEngine.MDC_KEY, taskId)) {
      finishLogged(taskId, result);
    }
  }

  private void finishLogged(String taskId, PollResult result) {
    try {
      finishing.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      Next next = runner.ended(taskId, result);
      if (next instanceof Next.RunAt at) {
        jobs.runAt(taskId, at.at());
      }
    } catch (RuntimeException e) {
      log.info(
          "task {}: acting on the upstream's result failed ({}); its durable job takes it back",
          taskId,
          e.getMessage());
    } finally {
      finishing.release();
    }
  }

  /**
   * Takes no more results and waits up to {@code wait} for the ones being stored, so that a node
   * that stops finishes what it started instead of leaving it to the backstop.
   */
  void drain(Duration wait) {
    workers.shutdown();
    try {
      if (!workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        log.info("results still being stored after {}; their durable jobs take them back", wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void destroy() {
    workers.shutdownNow();
  }
}
