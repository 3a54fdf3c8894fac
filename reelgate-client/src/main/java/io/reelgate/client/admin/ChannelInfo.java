package io.reelgate.client.admin;

import java.util.List;

/**
 * An upstream channel and its health.
 *
 * @param id the channel id
 * @param protocol its adapter ({@code local}, {@code fal}, …)
 * @param route {@code official} or {@code value}
 * @param cost its relative cost
 * @param models the public models it serves
 * @param health its circuit breaker
 * @param recentErrorRate the failed share of recent calls, or null before any call
 * @param inFlight jobs in flight on the answering node
 * @param maxConcurrent the cap of jobs in flight per node
 */
public record ChannelInfo(
    String id,
    String protocol,
    String route,
    Integer cost,
    List<String> models,
    Health health,
    Double recentErrorRate,
    Integer inFlight,
    Integer maxConcurrent) {

  /**
   * The breaker's state.
   *
   * @param state {@code closed}, {@code open} or {@code half_open}
   * @param calls calls it counts
   * @param failedCalls failed ones among them
   */
  public record Health(String state, Integer calls, Integer failedCalls) {}
}
