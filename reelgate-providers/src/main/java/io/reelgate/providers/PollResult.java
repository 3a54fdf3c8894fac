package io.reelgate.providers;

import java.time.Duration;
import java.util.Objects;

/** The outcome of {@link VideoProvider#poll}: what the upstream says about an accepted job. */
public sealed interface PollResult {

  /** Still queued or running; ask again after {@code pollAfter}. */
  record Running(Duration pollAfter) implements PollResult {}

  /** Done; the result can be fetched. */
  record Succeeded(ResultMedia media) implements PollResult {}

  /**
   * The upstream ended the job without a video (content filtered, expired, its own failure). The
   * error says why and whether a new attempt could succeed.
   */
  record Failed(ProviderException error) implements PollResult {
    public Failed {
      Objects.requireNonNull(error, "error");
    }
  }
}
