package io.reelgate.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code 90s}, {@code 20m}, {@code 1h}, {@code 2d}, a bare number of seconds, or ISO-8601
 * ({@code PT20M}).
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  @Override
  public Duration convert(String value) {
    String v = value.trim();
    Matcher m = SHORT.matcher(v);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      switch (unit) {
        case "ms":
          d = Duration.ofMillis(n);
          break;
        case "m":
          d = Duration.ofMinutes(n);
          break;
        case "h":
          d = Duration.ofHours(n);
          break;
        case "d":
          d = Duration.ofDays(n);
          break;
        default:
          d = Duration.ofSeconds(n);
          break;
      }
    } else {
      try {
        d = Duration.parse(v);
      } catch (RuntimeException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration such as 90s, 20m or 1h");
      }
    }
    if (d.isZero() || d.isNegative()) {
      throw new TypeConversionException("'" + value + "' must be longer than zero");
    }
    return d;
  }
}
