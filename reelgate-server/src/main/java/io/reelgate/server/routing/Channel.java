package io.reelgate.server.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.VideoProvider;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream account: a protocol adapter, the upstream's model ids, its route class, its health
 * and its jobs in flight on this node.
 *
 * @param id channel id
 * @param protocol the adapter's protocol name
 * @param provider the protocol adapter
 * @param route {@code OFFICIAL} for the model maker's own API, {@code VALUE} otherwise
 * @param cost relative cost, for {@code value} routing (lower is cheaper)
 * @param models public model id → upstream model id; empty for the built-in local channel, which
 *     serves every model under its own id
 * @param maxConcurrent how many jobs may be in flight on the channel at once on this node
 * @param health the channel's circuit breaker, fed by submit and poll outcomes
 * @param inFlight jobs on this channel that hold a slot on this node
 */
public record Channel(
    String id,
    String protocol,
    VideoProvider provider,
    Routing route,
    long cost,
    Map<String, String> models,
    int maxConcurrent,
    CircuitBreaker health,
    AtomicInteger inFlight) {

  public String upstreamModel(String publicModel) {
    return models.getOrDefault(publicModel, publicModel);
  }

  /** Whether the breaker lets calls through (closed, or half-open with a trial call left). */
  public boolean healthy() {
    return health.getState() != CircuitBreaker.State.OPEN
        && health.getState() != CircuitBreaker.State.FORCED_OPEN;
  }

  /** Takes a slot for one job in flight, if the cap allows. */
  public boolean tryAcquire() {
    while (true) {
      int now = inFlight.get();
      if (now >= maxConcurrent) {
        return false;
      }
      if (inFlight.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /**
   * Takes a slot even when the channel is full: for jobs that are already in flight upstream and
   * are taken back after a restart, which must be counted but cannot wait.
   */
  public void acquireInFlight() {
    inFlight.incrementAndGet();
  }

  /** Gives back a slot taken by {@link #tryAcquire} or {@link #acquireInFlight}. */
  public void release() {
    inFlight.updateAndGet(n -> Math.max(0, n - 1));
  }
}
