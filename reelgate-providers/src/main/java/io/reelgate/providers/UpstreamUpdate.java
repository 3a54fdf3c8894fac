package io.reelgate.providers;

import java.util.Objects;

/** A job update an upstream pushed: which job, and what it says now. */
public record UpstreamUpdate(String upstreamJobId, PollResult result) {
  public UpstreamUpdate {
    Objects.requireNonNull(upstreamJobId, "upstreamJobId");
    Objects.requireNonNull(result, "result");
  }
}
