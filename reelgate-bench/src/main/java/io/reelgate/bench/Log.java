package io.reelgate.bench;

import java.util.Locale;

/** Progress lines on standard output, stamped with the seconds since the benchmark started. */
final class Log {
  private static final long START = System.nanoTime();

  private Log() {}

  static void line(String format, Object... args) {
    System.out.printf(
        Locale.ROOT,
        "[%5.0f s] %s%n",
        (System.nanoTime() - START) / 1e9,
        String.format(Locale.ROOT, format, args));
  }
}
