package io.reelgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The goals the figures are read against, as a Markdown table with met / not met per goal. */
final class Goals {
  private Goals() {}

  static List<String> lines(Map<String, Report.Metric> m, Options options) {
    List<String> lines = new ArrayList<>();
    lines.add("| goal | measured | verdict |");
    lines.add("|---|---|---|");
    goal(
        lines,
        m,
        "status throughput ≥ 50% of the baseline",
        "status.throughput_ratio_to_baseline",
        0.5,
        true,
        "%.0f%% of the baseline",
        100);
    goal(lines, m, "status p99 ≤ 5 ms", "status.server.p99", 5, false, "%.2f ms", 1);
    goal(
        lines,
        m,
        "submissions ≥ 2,000/s" + (options.db().equals("h2") ? "" : " (goal is for H2)"),
        "submit.server.throughput",
        2000,
        true,
        "%.0f/s",
        1);
    goal(lines, m, "submit p99 ≤ 25 ms", "submit.server.p99", 25, false, "%.2f ms", 1);
    int big = options.largestInFlight();
    long interval = BenchContext.POLL_INTERVAL.toMillis();
    goal(
        lines,
        m,
        "push: completion noticed within 1 s (p95) at " + big + " in flight",
        "inflight.inflight_push_" + big + ".p95",
        1000,
        false,
        "%.0f ms",
        1);
    goal(
        lines,
        m,
        "polling: within interval + 1 s = "
            + (interval + 1000)
            + " ms (p95) at "
            + big
            + " in flight",
        "inflight.inflight_poll_" + big + ".p95",
        interval + 1000,
        false,
        "%.0f ms",
        1);
    goal(
        lines,
        m,
        "≤ 2 KiB of heap per task in flight (" + big + " push), by class histogram",
        "memory.inflight_push_" + big + ".histogram_bytes_per_task",
        2048,
        false,
        "%.0f bytes",
        1);
    goal(
        lines,
        m,
        "… the same read as the difference of the total heap",
        "memory.inflight_push_" + big + ".heap_per_task",
        2048,
        false,
        "%.0f bytes",
        1);
    goal(
        lines,
        m,
        "local 720p render ≥ 1× real time",
        "render.720p.realtime_factor",
        1.0,
        true,
        "%.2f×",
        1);
    if (options.quick() && big < 10_000) {
      lines.add("");
      lines.add(
          "Quick mode runs "
              + big
              + " tasks in flight instead of 10,000; the full mode runs 10,000.");
    }
    return lines;
  }

  static void goal(
      List<String> lines,
      Map<String, Report.Metric> m,
      String text,
      String metric,
      double target,
      boolean atLeast,
      String format,
      double scale) {
    Report.Metric v = m.get(metric);
    if (v == null) {
      lines.add("| " + text + " | not run | — |");
      return;
    }
    boolean met = atLeast ? v.value() >= target : v.value() <= target;
    double by = v.value() / target;
    String verdict =
        met
            ? "met"
            : String.format(
                Locale.ROOT,
                "not met: %s",
                atLeast
                    ? String.format(Locale.ROOT, "%.0f%% of the goal", by * 100)
                    : String.format(Locale.ROOT, "%.1f× the limit", by));
    lines.add(
        "| "
            + text
            + " | "
            + String.format(Locale.ROOT, format, v.value() * scale)
            + " | "
            + verdict
            + " |");
  }
}
