package io.reelgate.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.ProviderException;
import io.reelgate.server.routing.UpstreamCalls.Operation;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One rule feeds a channel's breaker, whatever the operation. Regression: polls used to ignore
 * credential and unreadable-answer failures that submits counted.
 */
class UpstreamCallsTest {
  final UpstreamCalls calls = new UpstreamCalls();

  static Channel channel() {
    return new Channel(
        "c",
        "stub",
        null,
        Routing.VALUE,
        1,
        Map.of(),
        10,
        ChannelRouter.breaker("c"),
        new AtomicInteger());
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void everyOperationCountsTheSameFailures(Operation operation) {
    for (FailureCategory category : FailureCategory.values()) {
      Channel c = channel();
      assertThatThrownBy(
              () ->
                  calls.call(
                      c,
                      operation,
                      () -> {
                        throw ProviderException.of(category, "x");
                      }))
          .isInstanceOf(ProviderException.class);
      assertThat(c.health().getMetrics().getNumberOfFailedCalls())
          .as("%s on %s", category, operation)
          .isEqualTo(UpstreamCalls.countsAsFailure(category) ? 1 : 0);
    }
    assertThat(UpstreamCalls.countsAsFailure(FailureCategory.AUTH)).isTrue();
    assertThat(UpstreamCalls.countsAsFailure(FailureCategory.INTERNAL)).isTrue();
    assertThat(UpstreamCalls.countsAsFailure(FailureCategory.CONTENT_REJECTED)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void anOpenBreakerRefusesSubmitsOnly(Operation operation) {
    Channel c = channel();
    c.health().transitionToOpenState();
    AtomicInteger made = new AtomicInteger();
    if (operation == Operation.SUBMIT) {
      assertThatThrownBy(() -> calls.call(c, operation, made::incrementAndGet))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("circuit open");
      assertThat(made.get()).isZero();
    } else {
      assertThat(calls.call(c, operation, made::incrementAndGet)).isOne();
    }
    assertThat(c.health().getState()).isEqualTo(CircuitBreaker.State.OPEN);
  }
}
