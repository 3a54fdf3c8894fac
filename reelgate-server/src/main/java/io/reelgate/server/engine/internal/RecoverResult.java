package io.reelgate.server.engine.internal;

import io.reelgate.providers.PollResult;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.routing.UpstreamCalls;
import io.reelgate.server.task.TaskRecord;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * A task found STORING: the process that stored it died. An upstream still has the result, so it is
 * asked again and the result goes the usual way ({@link TrackJob#ended}); a synchronous channel
 * (the local renderer, which is deterministic) makes it again.
 */
@Component
class RecoverResult implements Stage<Work.Of> {
  static final Duration ASK_AGAIN = Duration.ofSeconds(5);

  private final ChannelRouter router;
  private final UpstreamCalls calls;
  private final WorkDirs workDirs;
  private final Deadlines deadlines;
  private final TrackJob tracking;
  private final ChooseChannel again;

  RecoverResult(
      ChannelRouter router,
      UpstreamCalls calls,
      WorkDirs workDirs,
      Deadlines deadlines,
      TrackJob tracking,
      ChooseChannel again) {
    this.router = router;
    this.calls = calls;
    this.workDirs = workDirs;
    this.deadlines = deadlines;
    this.tracking = tracking;
    this.again = again;
  }

  @Override
  public Step run(Work.Of work) {
    TaskRecord task = work.task();
    if (task.upstreamJobId() == null) {
      return Step.go(again, work);
    }
    Channel channel = router.require(task.channelId());
    PollResult result =
        calls.call(
            channel,
            UpstreamCalls.Operation.POLL,
            () ->
                channel
                    .provider()
                    .poll(
                        ProviderJobs.of(task, channel, null, workDirs.dirFor(task.id())),
                        task.upstreamJobId()));
    return switch (result) {
      case PollResult.Succeeded succeeded -> tracking.ended(task, succeeded);
      case PollResult.Failed failed -> throw failed.error();
      case PollResult.Running running -> new Step.Wait(deadlines.now().plus(ASK_AGAIN));
    };
  }
}
