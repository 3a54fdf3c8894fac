package io.reelgate.server.jobs;

import io.reelgate.providers.ProviderJob;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.storage.ResultStore;
import io.reelgate.server.task.TaskRecord;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the upstream to stop a task's job, best effort: protocols without cancel, unknown channels
 * and upstream errors are logged and otherwise ignored, since the task's own state has already been
 * decided by the caller. Also stops this node's polling of the job.
 */
@Component
public class UpstreamCancel {
  private static final Logger log = LoggerFactory.getLogger(UpstreamCancel.class);

  private final ChannelRouter router;
  private final UpstreamPoller poller;
  private final ResultStore store;

  public UpstreamCancel(ChannelRouter router, UpstreamPoller poller, ResultStore store) {
    this.router = router;
    this.poller = poller;
    this.store = store;
  }

  /**
   * Asks the upstream to stop the task's job.
   *
   * @return whether the upstream was asked and took the request
   */
  public boolean cancel(TaskRecord task) {
    poller.untrack(task.id());
    if (task.upstreamJobId() == null) {
      return false;
    }
    Optional<Channel> channel = router.byId(task.channelId());
    if (channel.isEmpty()) {
      log.info(
          "task {}: channel {} is no longer configured; not cancelled upstream",
          task.id(),
          task.channelId());
      return false;
    }
    Channel c = channel.get();
    try {
      ProviderJob job =
          new ProviderJob(
              task.id(),
              UpstreamPoller.slim(task.request()),
              task.request().size(),
              List.of(),
              c.upstreamModel(task.request().model()),
              store.workDirFor(task.id()));
      boolean asked = c.provider().cancel(job, task.upstreamJobId());
      log.info(
          "task {}: upstream job {} on {} {}",
          task.id(),
          task.upstreamJobId(),
          c.id(),
          asked ? "cancelled" : "cannot be cancelled by this protocol");
      return asked;
    } catch (RuntimeException e) {
      log.warn("task {}: upstream cancel on {} failed: {}", task.id(), c.id(), e.getMessage());
      return false;
    }
  }
}
