package io.reelgate.server.engine.internal;

import io.reelgate.core.FailureCode;
import io.reelgate.core.task.TaskState;
import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.UpstreamUpdate;
import io.reelgate.providers.WebhookReply;
import io.reelgate.providers.WebhookRequest;
import io.reelgate.server.engine.Next;
import io.reelgate.server.engine.TaskEngine;
import io.reelgate.server.engine.UpstreamUpdates;
import io.reelgate.server.lateresults.LateResults;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The engine's public face: durable runs of tasks and the updates upstreams push. */
@Service
class Engine implements TaskEngine, UpstreamUpdates {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final TaskQueries queries;
  private final StepRunner runner;
  private final JobTracker tracker;
  private final Completions completions;
  private final WorkDirs workDirs;
  private final ChannelRouter router;
  private final LateResults lateResults;

  Engine(
      TaskQueries queries,
      StepRunner runner,
      JobTracker tracker,
      Completions completions,
      WorkDirs workDirs,
      ChannelRouter router,
      LateResults lateResults) {
    this.queries = queries;
    this.runner = runner;
    this.tracker = tracker;
    this.completions = completions;
    this.workDirs = workDirs;
    this.router = router;
    this.lateResults = lateResults;
  }

  @Override
  public Next advance(String taskId) {
    try (var logged = org.slf4j.MDC.putCloseable(TaskEngine.MDC_KEY, taskId)) {
      return advanceLogged(taskId);
    }
  }

  private Next advanceLogged(String taskId) {
    TaskRecord task = queries.find(taskId).orElse(null);
    if (task == null || task.state().isTerminal()) {
      tracker.untrack(taskId);
      if (task != null && task.state() == TaskState.CANCELLED) {
        // a stage that was running when the task was cancelled may have left work files
        workDirs.clear(taskId);
      }
      return new Next.Done();
    }
    return runner.drive(runner.resume(task));
  }

  @Override
  public int jobsTracked() {
    return tracker.trackedCount();
  }

  @Override
  public void finishedElsewhere(String taskId) {
    tracker.untrack(taskId);
  }

  @Override
  public Set<String> stopTracking(boolean forGood, Duration drain) {
    Set<String> stopped = tracker.untrackAll(forGood);
    if (forGood) {
      completions.drain(drain);
    }
    return stopped;
  }

  @Override
  public Receipt receive(String channelId, WebhookRequest request) {
    Optional<Channel> found = router.byId(channelId);
    if (found.isEmpty()) {
      return new Receipt(Outcome.UNKNOWN_CHANNEL, "no channel '" + channelId + "' is configured");
    }
    Channel channel = found.get();
    if (!channel.provider().acceptsWebhooks()) {
      return new Receipt(Outcome.NO_WEBHOOKS, "channel '" + channelId + "' takes no webhooks");
    }
    Optional<WebhookReply> handshake;
    try {
      handshake = channel.provider().webhookHandshake(request);
    } catch (RuntimeException e) {
      return new Receipt(Outcome.UNREADABLE, "the update could not be read");
    }
    if (handshake.isPresent()) {
      // why: some upstreams (MiniMax) check the address first and want their challenge echoed
      return new Receipt(Outcome.HANDSHAKE, "handshake answered", handshake.get());
    }
    Optional<UpstreamUpdate> update;
    try {
      update = channel.provider().parseWebhook(request);
    } catch (InvalidWebhookException e) {
      log.info("channel {}: rejected a webhook: {}", channelId, e.getMessage());
      return new Receipt(Outcome.INVALID_SIGNATURE, e.getMessage());
    } catch (RuntimeException e) {
      log.info("channel {}: unreadable webhook: {}", channelId, e.getMessage());
      return new Receipt(Outcome.UNREADABLE, "the update could not be read");
    }
    if (update.isEmpty()) {
      return new Receipt(Outcome.IGNORED, "the event says nothing about a job's outcome");
    }
    UpstreamUpdate u = update.get();
    Optional<TaskRecord> task;
    try {
      task = queries.findByUpstreamJob(channel.id(), u.upstreamJobId());
    } catch (RuntimeException e) {
      log.warn("channel {}: could not look up job {}", channelId, u.upstreamJobId(), e);
      return new Receipt(Outcome.UNAVAILABLE, "try again later");
    }
    if (task.isPresent() && timedOut(task.get()) && u.result() instanceof PollResult.Succeeded) {
      // why: the upstream finished a job Reelgate gave up on; it may bill for it
      lateResults.record(task.get(), LateResults.Via.WEBHOOK);
      return new Receipt(Outcome.IGNORED, "the task had timed out; recorded as a late result");
    }
    if (task.isEmpty() || task.get().state().isTerminal()) {
      return new Receipt(Outcome.IGNORED, "no unfinished task runs as this job");
    }
    if (!(u.result() instanceof PollResult.Running)) {
      tracker.untrack(task.get().id());
      completions.accept(task.get().id(), u.result());
    }
    return new Receipt(Outcome.ACCEPTED, "task " + task.get().id() + " updated");
  }

  private static boolean timedOut(TaskRecord task) {
    return task.state() == TaskState.FAILED && task.failureCode() == FailureCode.PROCESSING_TIMEOUT;
  }
}
