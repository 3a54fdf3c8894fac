package io.reelgate.client.admin;

import java.util.Objects;

/**
 * Limits to set for one key and model. Immutable; build with {@link #builder()}; all three values
 * are required.
 */
public final class KeyLimitParams {
  private final String model;
  private final int requestsPerMinute;
  private final int concurrentTasks;

  private KeyLimitParams(String model, int requestsPerMinute, int concurrentTasks) {
    this.model = model;
    this.requestsPerMinute = requestsPerMinute;
    this.concurrentTasks = concurrentTasks;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The model id. */
  public String model() {
    return model;
  }

  /** Submissions per minute. */
  public int requestsPerMinute() {
    return requestsPerMinute;
  }

  /** Unfinished tasks at once. */
  public int concurrentTasks() {
    return concurrentTasks;
  }

  /** Builds {@link KeyLimitParams}. */
  public static final class Builder {
    private String model;
    private Integer requestsPerMinute;
    private Integer concurrentTasks;

    private Builder() {}

    /** The model id. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** Submissions per minute, at least 1. */
    public Builder requestsPerMinute(int requestsPerMinute) {
      this.requestsPerMinute = requestsPerMinute;
      return this;
    }

    /** Unfinished tasks at once, at least 1. */
    public Builder concurrentTasks(int concurrentTasks) {
      this.concurrentTasks = concurrentTasks;
      return this;
    }

    /** The parameters. */
    public KeyLimitParams build() {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(requestsPerMinute, "requestsPerMinute");
      Objects.requireNonNull(concurrentTasks, "concurrentTasks");
      return new KeyLimitParams(model, requestsPerMinute, concurrentTasks);
    }
  }
}
