package io.reelgate.server.engine.internal;

import io.reelgate.core.FailureCode;
import io.reelgate.core.task.TaskState;
import io.reelgate.providers.ProviderException;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelChecks;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.task.TaskLifecycle;
import io.reelgate.server.task.TaskRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Takes a slot on the channel the task runs on. A queued task gets the first channel in its routing
 * order that is healthy and has a free slot; a task that runs already (submitted again after a
 * failure, or rendered again after a crash while storing) keeps its channel. Without a slot the
 * task waits, shown as pending; with no healthy channel past its deadline it fails. Channels that
 * refuse the request's parameters ({@link ChannelChecks}) are skipped; when every one refuses (the
 * channels changed since the task was accepted), the task fails with the first refusal.
 */
@Component
class ChooseChannel implements Stage<Work.Of> {
  static final Duration CHANNEL_BUSY_RETRY = Duration.ofMillis(250);
  static final Duration NO_HEALTHY_CHANNEL_RETRY = Duration.ofSeconds(5);

  private final ChannelRouter router;
  private final ChannelChecks checks;
  private final Deadlines deadlines;
  private final TaskLifecycle lifecycle;
  private final TimeOut timeOut;
  private final PrepareInputs next;

  ChooseChannel(
      ChannelRouter router,
      ChannelChecks checks,
      Deadlines deadlines,
      TaskLifecycle lifecycle,
      TimeOut timeOut,
      PrepareInputs next) {
    this.router = router;
    this.checks = checks;
    this.deadlines = deadlines;
    this.lifecycle = lifecycle;
    this.timeOut = timeOut;
    this.next = next;
  }

  @Override
  public Step run(Work.Of work) {
    TaskRecord task = work.task();
    if (task.state() != TaskState.QUEUED && task.channelId() != null) {
      return keepChannel(task);
    }
    List<Channel> candidates = new ArrayList<>();
    ProviderException refused = null;
    for (Channel c : router.candidates(deadlines.model(task), task.request().routing())) {
      Optional<ProviderException> refusal = checks.refusal(c, task.request());
      if (refusal.isEmpty()) {
        candidates.add(c);
      } else if (refused == null) {
        refused = refusal.get();
      }
    }
    if (candidates.isEmpty() && refused != null) {
      lifecycle.fail(task, refused.code(), refused.getMessage());
      return Step.end();
    }
    boolean anyHealthy = false;
    for (Channel c : candidates) {
      if (c.healthy()) {
        anyHealthy = true;
        Slot slot = Slot.tryTake(c);
        if (slot != null) {
          return Step.go(next, new Work.Picked(task, slot));
        }
      }
    }
    if (!anyHealthy && deadlines.passed(task)) {
      lifecycle.fail(
          task,
          FailureCode.UPSTREAM_ERROR,
          "no healthy channel for " + task.model() + " within " + deadlines.model(task).deadline());
      return Step.end();
    }
    // why: a task stays QUEUED (and shown as pending) until a channel is healthy and has room
    return new Step.Wait(
        deadlines.now().plus(anyHealthy ? CHANNEL_BUSY_RETRY : NO_HEALTHY_CHANNEL_RETRY));
  }

  private Step keepChannel(TaskRecord task) {
    if (deadlines.passed(task)) {
      return Step.go(timeOut, new Work.Of(task));
    }
    Channel channel = router.require(task.channelId());
    Slot slot = Slot.tryTake(channel);
    if (slot == null) {
      return new Step.Wait(deadlines.now().plus(CHANNEL_BUSY_RETRY));
    }
    return Step.go(next, new Work.Picked(task, slot));
  }
}
