package io.reelgate.server.routing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.reelgate.core.FailureCode;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.ProviderException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one way to call an upstream: every submit, poll, cancel and download of a channel goes
 * through {@link #call}, so the channel's breaker is fed by one rule ({@link #countsAsFailure}).
 * Each call is observed as {@value #OBSERVATION} (a timer by channel, operation and outcome, and a
 * span when tracing is on).
 */
@Component
public class UpstreamCalls {
  /** The observation of one upstream call. */
  public static final String OBSERVATION = "reelgate.upstream.calls";

  private final ObservationRegistry observations;

  /** Calls that are not observed (tests of the engine's parts). */
  public UpstreamCalls() {
    this(ObservationRegistry.NOOP);
  }

  @Autowired
  public UpstreamCalls(ObservationRegistry observations) {
    this.observations = observations;
  }

  /** What is asked of the upstream. */
  public enum Operation {
    SUBMIT,
    POLL,
    CANCEL,
    DOWNLOAD
  }

  /**
   * Whether a failure says the channel is unwell: the upstream is down or overloaded, refuses our
   * credentials, or answers what the adapter cannot read. A refusal of the request itself (its
   * content, its input) says nothing about the channel.
   */
  public static boolean countsAsFailure(FailureCategory category) {
    return switch (category) {
      case UNAVAILABLE, RATE_LIMITED, AUTH, INTERNAL -> true;
      case CONTENT_REJECTED, BAD_INPUT -> false;
    };
  }

  /**
   * Runs one upstream call and tells the channel's breaker how it went. A submit needs the
   * breaker's permission; the other operations concern jobs that already exist upstream, so they
   * are made whatever the breaker says.
   *
   * @throws ProviderException what the call threw, or UNAVAILABLE when the breaker refuses a submit
   */
  public <T> T call(Channel channel, Operation operation, Supplier<T> call) {
    Observation observation =
        Observation.createNotStarted(OBSERVATION, observations)
            .contextualName("upstream " + operation.name().toLowerCase(java.util.Locale.ROOT))
            .lowCardinalityKeyValue("channel", channel.id())
            .lowCardinalityKeyValue(
                "operation", operation.name().toLowerCase(java.util.Locale.ROOT))
            .start();
    try (Observation.Scope scope = observation.openScope()) {
      T result = guarded(channel, operation, call);
      observation.lowCardinalityKeyValue("outcome", "ok");
      return result;
    } catch (ProviderException e) {
      observation.lowCardinalityKeyValue("outcome", outcomeOf(e));
      throw e;
    } catch (RuntimeException e) {
      observation.lowCardinalityKeyValue("outcome", "internal");
      observation.error(e);
      throw e;
    } finally {
      observation.stop();
    }
  }

  /**
   * How a failed call is counted: {@code refused} when the breaker refused it, else the failure's
   * category in lower case.
   */
  static String outcomeOf(ProviderException e) {
    return e.category() == FailureCategory.UNAVAILABLE
            && e.getMessage() != null
            && e.getMessage().endsWith(CIRCUIT_OPEN)
        ? "refused"
        : e.category().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static final String CIRCUIT_OPEN = "(circuit open)";

  private <T> T guarded(Channel channel, Operation operation, Supplier<T> call) {
    boolean permitted = channel.health().tryAcquirePermission();
    if (!permitted && operation == Operation.SUBMIT) {
      throw new ProviderException(
          FailureCategory.UNAVAILABLE,
          FailureCode.UPSTREAM_ERROR,
          true,
          null,
          "channel " + channel.id() + " is unhealthy " + CIRCUIT_OPEN,
          null);
    }
    long started = System.nanoTime();
    try {
      T result = call.get();
      if (permitted) {
        channel.health().onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
      return result;
    } catch (ProviderException e) {
      if (permitted) {
        if (countsAsFailure(e.category())) {
          channel.health().onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
        } else {
          channel.health().onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
      }
      throw e;
    } catch (RuntimeException e) {
      if (permitted) {
        channel.health().onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
      }
      throw e;
    }
  }
}
