/**
 * Upstream channels from configuration, the order a task tries them in per routing strategy, their
 * health (one circuit breaker each) and slots; {@link io.reelgate.server.routing.UpstreamCalls} is
 * the one way to call an upstream, so the breaker is fed by one rule.
 */
package io.reelgate.server.routing;
