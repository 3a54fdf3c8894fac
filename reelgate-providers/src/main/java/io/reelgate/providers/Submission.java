package io.reelgate.providers;

import java.time.Duration;

/** The outcome of {@link VideoProvider#submit}. */
public sealed interface Submission {

  /** The upstream accepted the job; poll it after {@code pollAfter}. */
  record Accepted(String upstreamJobId, Duration pollAfter) implements Submission {}

  /** The result is already available (synchronous channels). */
  record Finished(ResultMedia media) implements Submission {}
}
