package io.reelgate.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of one scenario in an HdrHistogram (microsecond resolution, up to one hour), safe to
 * record from many threads, plus the count and the wall time that make its throughput.
 */
public final class Latencies {
  private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

  private final Recorder recorder = new Recorder(MAX_MICROS, 3);
  private Histogram histogram;
  private long errors;

  /** Records one latency in nanoseconds; negative values (clock skew) count as zero. */
  public void recordNanos(long nanos) {
    long micros = Math.max(0, nanos / 1000);
    recorder.recordValue(Math.min(micros, MAX_MICROS));
  }

  public synchronized void error() {
    errors++;
  }

  public synchronized long errors() {
    return errors;
  }

  /** Everything recorded so far. */
  public synchronized Histogram histogram() {
    Histogram interval = recorder.getIntervalHistogram();
    if (histogram == null) {
      histogram = interval.copy();
    } else {
      histogram.add(interval);
    }
    return histogram;
  }

  /**
   * Puts {@code <prefix>.count}, {@code .throughput} (per second of {@code wallNanos}, when given),
   * {@code .p50}, {@code .p95}, {@code .p99} and {@code .max} (milliseconds) and {@code .errors}.
   */
  public void report(Report report, String prefix, long wallNanos, String throughputUnit) {
    Histogram h = histogram();
    long count = h.getTotalCount();
    report.put(prefix + ".count", count, "1");
    if (wallNanos > 0) {
      report.put(prefix + ".throughput", count / (wallNanos / 1e9), throughputUnit);
    }
    if (count > 0) {
      report.put(prefix + ".p50", millis(h.getValueAtPercentile(50)), "ms");
      report.put(prefix + ".p95", millis(h.getValueAtPercentile(95)), "ms");
      report.put(prefix + ".p99", millis(h.getValueAtPercentile(99)), "ms");
      report.put(prefix + ".max", millis(h.getMaxValue()), "ms");
    }
    report.put(prefix + ".errors", errors(), "1");
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }
}
