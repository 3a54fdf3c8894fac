package io.reelgate.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How to wait for a task: follow its event stream ({@code GET /api/v1/tasks/{id}/events}) or poll
 * its status, for how long, and how often to poll. Immutable; start from {@link #defaults()} or
 * {@link #builder()}.
 *
 * <p>With events on (the default) the client follows the stream, reconnecting with {@code
 * Last-Event-ID} when it breaks; when the stream cannot be had (an older server, a proxy that
 * buffers it, repeated failures) it polls the status instead, starting at {@link #pollInterval()}
 * and backing off up to {@link #maxPollInterval()}.
 */
public final class WaitOptions {
  private static final WaitOptions DEFAULTS = builder().build();

  private final Duration timeout;
  private final boolean useEvents;
  private final Duration pollInterval;
  private final Duration maxPollInterval;
  private final Duration idleTimeout;

  private WaitOptions(Builder b) {
    this.timeout = b.timeout;
    this.useEvents = b.useEvents;
    this.pollInterval = b.pollInterval;
    this.maxPollInterval = b.maxPollInterval;
    this.idleTimeout = b.idleTimeout;
  }

  /** Events on, 30 minutes, polling from 1 s backing off to 10 s. */
  public static WaitOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder()
        .timeout(timeout)
        .useEvents(useEvents)
        .pollInterval(pollInterval)
        .maxPollInterval(maxPollInterval)
        .idleTimeout(idleTimeout);
  }

  /** How long to wait in total before {@link WaitTimeoutException}. */
  public Duration timeout() {
    return timeout;
  }

  /** Whether to follow the event stream before falling back to polling. */
  public boolean useEvents() {
    return useEvents;
  }

  /** The first wait between status polls. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** The longest wait between status polls. */
  public Duration maxPollInterval() {
    return maxPollInterval;
  }

  /**
   * How long an event stream may stay silent (the server sends a comment every 15 s) before it is
   * dropped and reconnected.
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Builds {@link WaitOptions}. */
  public static final class Builder {
    private Duration timeout = Duration.ofMinutes(30);
    private boolean useEvents = true;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration maxPollInterval = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(45);

    private Builder() {}

    /** Total wait; default 30 minutes. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** Follow the event stream (default) or only poll. */
    public Builder useEvents(boolean useEvents) {
      this.useEvents = useEvents;
      return this;
    }

    /** First wait between polls; default 1 s. */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive(pollInterval, "pollInterval");
      return this;
    }

    /** Longest wait between polls; default 10 s. */
    public Builder maxPollInterval(Duration maxPollInterval) {
      this.maxPollInterval = positive(maxPollInterval, "maxPollInterval");
      return this;
    }

    /** Longest silence on an event stream before reconnecting; default 45 s. */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = positive(idleTimeout, "idleTimeout");
      return this;
    }

    /** The options. */
    public WaitOptions build() {
      if (maxPollInterval.compareTo(pollInterval) < 0) {
        maxPollInterval = pollInterval;
      }
      return new WaitOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
