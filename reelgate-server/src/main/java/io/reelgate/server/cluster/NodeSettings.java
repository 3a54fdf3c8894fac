package io.reelgate.server.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This node among others on one database ({@code reelgate.nodes.*}).
 *
 * @param id this node's name (blank: the host name and a random suffix, new at each start). A fixed
 *     name lets a node that restarts take its own jobs back at once instead of after its lease.
 * @param lease how long a node counts as alive after it last renewed its lease; renewed every
 *     quarter of it. The jobs of a node that stopped renewing are taken over between one lease and
 *     one and a quarter leases after its last renewal.
 * @param handOverWait how long a stopping node waits for results it is storing before it hands them
 *     over too
 */
@ConfigurationProperties("reelgate.nodes")
public record NodeSettings(
    @DefaultValue("") String id,
    @DefaultValue("20s") Duration lease,
    @DefaultValue("10s") Duration handOverWait) {

  public NodeSettings {
    if (lease == null || lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalStateException("reelgate.nodes.lease must be at least 1s");
    }
    if (handOverWait == null || handOverWait.isNegative()) {
      handOverWait = Duration.ZERO;
    }
  }

  /** How often the lease is renewed and dead nodes are looked for. */
  public Duration renewEvery() {
    return lease.dividedBy(4);
  }
}
