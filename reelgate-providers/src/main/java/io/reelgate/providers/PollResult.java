package io.reelgate.providers;

import java.time.Duration;

/** The outcome of {@link VideoProvider#poll}. */
public sealed interface PollResult {

  /** Still running; ask again after {@code pollAfter}. */
  record Running(Duration pollAfter) implements PollResult {}

  /** Done; the result can be fetched. */
  record Succeeded(ResultMedia media) implements PollResult {}
}
