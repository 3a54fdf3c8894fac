package io.reelgate.server.engine.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.reelgate.core.FailureCode;
import io.reelgate.providers.PollResult;
import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.engine.Next;
import io.reelgate.server.routing.ChannelChecks;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.task.ConcurrentTaskUpdateException;
import io.reelgate.server.task.TaskLifecycle;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a task's stages one after the other until one waits or the task ends. It picks the first
 * stage from the task's stored state ({@link #resume}), and when a stage fails it gives the stage's
 * channel slot back, reads the failure as data and applies the {@link FailurePolicy}'s decision.
 */
@Component
class StepRunner {
  private static final Logger log = LoggerFactory.getLogger(StepRunner.class);
  static final Duration READ_AGAIN_AFTER = Duration.ofMillis(200);

  private final TaskQueries queries;
  private final TaskLifecycle lifecycle;
  private final JobTracker tracker;
  private final WorkDirs workDirs;
  private final Clock clock;
  private final FailurePolicy policy;
  private final ChooseChannel chooseChannel;
  private final TrackJob trackJob;
  private final RecoverResult recoverResult;
  private final ObservationRegistry observations;

  /** The observation of one stage of a task: a timer by stage and a span when tracing is on. */
  static final String OBSERVATION = "reelgate.task.steps";

  StepRunner(
      TaskQueries queries,
      TaskLifecycle lifecycle,
      JobTracker tracker,
      WorkDirs workDirs,
      ChannelRouter router,
      ChannelChecks checks,
      Deadlines deadlines,
      Clock clock,
      ReelgateSettings settings,
      ChooseChannel chooseChannel,
      TrackJob trackJob,
      RecoverResult recoverResult,
      ObservationRegistry observations) {
    this.queries = queries;
    this.observations = observations;
    this.lifecycle = lifecycle;
    this.tracker = tracker;
    this.workDirs = workDirs;
    this.clock = clock;
    this.chooseChannel = chooseChannel;
    this.trackJob = trackJob;
    this.recoverResult = recoverResult;
    this.policy =
        new FailurePolicy(
            task -> untriedChannel(task, router, checks, deadlines, queries),
            clock,
            settings.storage().waitFor());
  }

  /** The stage that goes on from a task's stored state. */
  Step resume(TaskRecord task) {
    return switch (task.state()) {
      case QUEUED -> Step.go(chooseChannel, new Work.Of(task));
      case RUNNING ->
          task.upstreamJobId() != null
              ? Step.go(trackJob, new Work.Of(task))
              : Step.go(chooseChannel, new Work.Of(task));
      case STORING -> Step.go(recoverResult, new Work.Of(task));
      case SUCCEEDED, FAILED, CANCELLED -> Step.end();
    };
  }

  /** Runs stages from {@code step} until one waits or the task ends. */
  Next drive(Step step) {
    while (step instanceof Step.Go<?> go) {
      step = runOne(go);
    }
    return switch (step) {
      case Step.Wait wait -> new Next.RunAt(wait.until());
      default -> new Next.Done();
    };
  }

  /** The upstream ended the task's job: the one way on from there, by poll or by push. */
  Next ended(String taskId, PollResult result) {
    TaskRecord task = queries.find(taskId).orElse(null);
    if (task == null || task.state().isTerminal()) {
      return new Next.Done();
    }
    try {
      return switch (result) {
        case PollResult.Succeeded succeeded -> drive(trackJob.ended(task, succeeded));
        case PollResult.Failed failed ->
            drive(apply(task, Failure.upstream(failed.error()), false, true));
        case PollResult.Running running -> new Next.RunAt(trackJob.nextLook(task));
      };
    } catch (RuntimeException e) {
      return drive(onFailure(taskId, null, false, e));
    }
  }

  private <I extends Work> Step runOne(Step.Go<I> go) {
    Observation step =
        Observation.createNotStarted(OBSERVATION, observations)
            .contextualName("task step " + stageName(go.stage()))
            .lowCardinalityKeyValue("stage", stageName(go.stage()))
            .highCardinalityKeyValue("task.id", go.input().task().id())
            .start();
    try (Observation.Scope scope = step.openScope()) {
      Step next = go.run();
      step.lowCardinalityKeyValue("outcome", "ok");
      log.debug("{} ran", stageName(go.stage()));
      return next;
    } catch (RuntimeException e) {
      step.lowCardinalityKeyValue("outcome", "failed");
      step.error(e);
      Slot slot = go.input().slot();
      if (slot != null) {
        slot.release();
      }
      return onFailure(go.input().task().id(), go.stage(), go.stage().beforeAcceptance(), e);
    } finally {
      step.stop();
    }
  }

  private Step onFailure(String taskId, Stage<?> stage, boolean beforeAcceptance, Throwable e) {
    Failure failure = Failure.of(e);
    if (failure.kind() == Failure.Kind.INTERNAL) {
      log.warn("task {}: {} failed, will retry", taskId, stageName(stage), e);
    } else {
      log.debug("task {}: {} failed: {}", taskId, stageName(stage), failure.message());
    }
    if (failure.kind() == Failure.Kind.SHUTDOWN) {
      // why: the scheduler interrupts running jobs when the server stops, and a database write on
      // an interrupted thread makes H2 close its file; the task is left as stored and its job runs
      // again after the restart (or on another node) from that state
      log.info("task {}: interrupted by shutdown; it resumes from its stored state", taskId);
      return waitFor(Duration.ZERO);
    }
    TaskRecord current = queries.find(taskId).orElse(null);
    if (current == null || current.state().isTerminal()) {
      tracker.untrack(taskId);
      return Step.end();
    }
    return apply(current, failure, beforeAcceptance, false);
  }

  private Step apply(
      TaskRecord task, Failure failure, boolean beforeAcceptance, boolean upstreamEnded) {
    FailurePolicy.Decision decision = policy.decide(task, failure, beforeAcceptance, upstreamEnded);
    try {
      return switch (decision) {
        case FailurePolicy.Decision.Resume r -> waitFor(Duration.ZERO);
        case FailurePolicy.Decision.ReadAgain r -> waitFor(READ_AGAIN_AFTER);
        case FailurePolicy.Decision.WaitForStore w -> {
          log.info(
              "task {}: the result store is unavailable ({}); storing again in {}",
              task.id(),
              failure.message(),
              w.after());
          yield waitFor(w.after());
        }
        case FailurePolicy.Decision.RetryLater r -> {
          if (r.forgetUpstreamJob()) {
            lifecycle.resubmitLater(task, failure.message());
          } else {
            lifecycle.retryLater(task, failure.message());
          }
          yield waitFor(r.after());
        }
        case FailurePolicy.Decision.NextChannel n -> {
          log.info(
              "task {}: {} failed before accepting ({}); trying {}",
              task.id(),
              task.channelId(),
              failure.message(),
              n.channelId());
          TaskRecord moved =
              lifecycle.switchChannel(
                  task,
                  n.channelId(),
                  task.channelId() + " failed before accepting: " + failure.message());
          yield resume(moved);
        }
        case FailurePolicy.Decision.Fail f -> {
          fail(task, f.code(), f.message());
          yield Step.end();
        }
      };
    } catch (ConcurrentTaskUpdateException e) {
      // why: the task changed while the decision was written; its next run reads it afresh
      return waitFor(READ_AGAIN_AFTER);
    }
  }

  private void fail(TaskRecord task, FailureCode code, String message) {
    tracker.untrack(task.id());
    lifecycle.fail(task, code, message);
    workDirs.clear(task.id());
  }

  private Step waitFor(Duration delay) {
    return new Step.Wait(Instant.now(clock).plus(delay));
  }

  private static String stageName(Stage<?> stage) {
    return stage == null ? "handling the upstream's result" : stage.getClass().getSimpleName();
  }

  /**
   * The first channel of an {@code auto} task's order it was not handed to yet, that is healthy and
   * takes the request's parameters.
   */
  private static Optional<String> untriedChannel(
      TaskRecord task,
      ChannelRouter router,
      ChannelChecks checks,
      Deadlines deadlines,
      TaskQueries queries) {
    List<String> tried = queries.triedChannels(task.id());
    return router.candidates(deadlines.model(task), task.request().routing()).stream()
        .filter(c -> !tried.contains(c.id()) && c.healthy() && checks.accepts(c, task.request()))
        .map(c -> c.id())
        .findFirst();
  }
}
