package io.reelgate.server.webhook;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: the configured schedule with ±10 % jitter, or later when
 * the receiver asked for it with {@code Retry-After} (at most a day).
 */
final class RetrySchedule {
  private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(24);

  private final List<Duration> schedule;

  RetrySchedule(List<Duration> schedule) {
    this.schedule = List.copyOf(schedule);
  }

  /** The wait after {@code failedAttempts} failures, or null when the schedule has run out. */
  Duration nextWait(int failedAttempts, Duration retryAfter) {
    if (failedAttempts >= schedule.size()) {
      return null;
    }
    Duration wait = jitter(schedule.get(failedAttempts));
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
    }
    return wait;
  }

  /** ±10 %, so that deliveries that failed together do not all come back together. */
  static Duration jitter(Duration base) {
    long millis = base.toMillis();
    if (millis <= 0) {
      return Duration.ZERO;
    }
    long spread = millis / 10;
    return Duration.ofMillis(
        millis - spread + ThreadLocalRandom.current().nextLong(2 * spread + 1));
  }

  /** A {@code Retry-After} header in seconds, or null when it is not a positive number. */
  static Duration retryAfter(String value) {
    try {
      long s = Long.parseLong(value.trim());
      return s > 0 ? Duration.ofSeconds(s) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
