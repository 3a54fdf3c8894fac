package io.reelgate.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How accepted upstream jobs are polled ({@code reelgate.polling.*}).
 *
 * @param interval the wait between polls when the upstream gives no hint
 * @param maxBackoff the longest wait after failed polls (the wait doubles per failure)
 * @param backstop how often the durable job of a task in flight checks on it: it takes the task
 *     back after a restart or when the node polling it died, and enforces the deadline
 * @param parallelPerChannel polls of one channel that may run at once on this node
 * @param parallelFinishes results of finished upstream jobs stored at once on this node (their
 *     downloads run side by side; their final transactions are written in batches)
 */
@ConfigurationProperties("reelgate.polling")
public record PollingSettings(
    @DefaultValue("5s") Duration interval,
    @DefaultValue("60s") Duration maxBackoff,
    @DefaultValue("5m") Duration backstop,
    @DefaultValue("64") int parallelPerChannel,
    @DefaultValue("64") int parallelFinishes) {

  public PollingSettings {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalStateException("reelgate.polling.interval must be positive");
    }
    if (backstop == null || backstop.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalStateException("reelgate.polling.backstop must be at least 1s");
    }
    if (maxBackoff == null || maxBackoff.compareTo(interval) < 0) {
      maxBackoff = interval;
    }
    if (parallelFinishes < 1) {
      throw new IllegalStateException("reelgate.polling.parallel-finishes must be at least 1");
    }
    if (parallelPerChannel < 1) {
      throw new IllegalStateException("reelgate.polling.parallel-per-channel must be at least 1");
    }
  }
}
