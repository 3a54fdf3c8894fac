package io.reelgate.server.routing;

import io.reelgate.core.FailureCode;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.ProviderException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The one way to call an upstream: every submit, poll, cancel and download of a channel goes
 * through {@link #call}, so the channel's breaker is fed by one rule ({@link #countsAsFailure}).
 */
@Component
public class UpstreamCalls {

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
    boolean permitted = channel.health().tryAcquirePermission();
    if (!permitted && operation == Operation.SUBMIT) {
      throw new ProviderException(
          FailureCategory.UNAVAILABLE,
          FailureCode.UPSTREAM_ERROR,
          true,
          null,
          "channel " + channel.id() + " is unhealthy (circuit open)",
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
