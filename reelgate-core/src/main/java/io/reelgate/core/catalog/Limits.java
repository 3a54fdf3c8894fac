package io.reelgate.core.catalog;

/** Default per-key limits of a model: submissions per minute and unfinished tasks at once. */
public record Limits(int requestsPerMinute, int concurrentTasks) {
  public Limits {
    if (requestsPerMinute <= 0 || concurrentTasks <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
