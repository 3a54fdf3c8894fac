package io.reelgate.providers.http;

import io.reelgate.providers.ChannelSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code poll-interval} channel option: how long to wait when the upstream gives no hint. */
public final class PollIntervals {
  public static final String OPTION = "poll-interval";

  private static final Pattern SIMPLE = Pattern.compile("([0-9]{1,9})(ms|s|m)");

  private PollIntervals() {}

  /**
   * The channel's {@code poll-interval} ({@code 500ms}, {@code 5s}, {@code 1m} or ISO-8601), or
   * {@code fallback}.
   *
   * @throws IllegalArgumentException naming the channel when the value is not a positive duration
   */
  public static Duration of(ChannelSettings settings, Duration fallback) {
    return settings.option(OPTION).map(v -> parse(settings, v)).orElse(fallback);
  }

  private static Duration parse(ChannelSettings settings, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Duration d = null;
    Matcher m = SIMPLE.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
          };
    } else {
      try {
        d = Duration.parse(value.trim());
      } catch (RuntimeException e) {
        d = null;
      }
    }
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(
          "channel " + settings.id() + ": option " + OPTION + " must be a duration such as 5s");
    }
    return d;
  }
}
