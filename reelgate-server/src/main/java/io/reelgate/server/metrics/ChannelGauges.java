package io.reelgate.server.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelRouter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Per channel: the breaker's state (one series per state, 1 for the current one, as Prometheus
 * state sets are written) and the jobs in flight on this node.
 */
@Component
class ChannelGauges implements MeterBinder {
  static final CircuitBreaker.State[] STATES = {
    CircuitBreaker.State.CLOSED,
    CircuitBreaker.State.OPEN,
    CircuitBreaker.State.HALF_OPEN,
    CircuitBreaker.State.FORCED_OPEN
  };

  private final ChannelRouter router;

  ChannelGauges(ChannelRouter router) {
    this.router = router;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Channel channel : router.all()) {
      for (CircuitBreaker.State state : STATES) {
        Gauge.builder(
                "reelgate.channel.breaker.state",
                channel,
                c -> c.health().getState() == state ? 1 : 0)
            .description("1 for the breaker's current state of the channel, 0 for the others")
            .tag("channel", channel.id())
            .tag("state", state.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
      Gauge.builder("reelgate.channel.jobs.in.flight", channel, c -> c.inFlight().get())
          .description("Jobs holding a slot of the channel on this node")
          .tag("channel", channel.id())
          .register(registry);
    }
  }
}
