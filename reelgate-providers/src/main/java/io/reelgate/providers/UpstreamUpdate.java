package io.reelgate.providers;

import java.util.Objects;
import java.util.Optional;

/** A job update an upstream pushed: which job, and what it says now. */
public record UpstreamUpdate(String upstreamJobId, PollResult result) {
  public UpstreamUpdate {
    Objects.requireNonNull(upstreamJobId, "upstreamJobId");
    Objects.requireNonNull(result, "result");
  }

  /** An update for a job that ended; nothing for one that is still running. */
  public static Optional<UpstreamUpdate> ifFinished(String upstreamJobId, PollResult result) {
    return result instanceof PollResult.Running
        ? Optional.empty()
        : Optional.of(new UpstreamUpdate(upstreamJobId, result));
  }
}
