package io.reelgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The results of one run: named metrics with units (written as {@code report.json}) and, per
 * scenario, a table plus notes (written as {@code report.md}).
 */
public final class Report {
  /** One figure. */
  public record Metric(double value, String unit) {}

  private final Map<String, Metric> metrics = new LinkedHashMap<>();
  private final Map<String, Object> context = new LinkedHashMap<>();
  private final Map<String, List<String>> sections = new LinkedHashMap<>();

  /** Adds (or replaces) a metric. */
  public synchronized void put(String name, double value, String unit) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " is not a finite number: " + value);
    }
    metrics.put(name, new Metric(value, unit));
  }

  /** A described fact of the run (machine, options, versions). */
  public synchronized void context(String key, Object value) {
    context.put(key, value);
  }

  /** A line of prose under a scenario's heading in the Markdown report. */
  public synchronized void note(String scenario, String line) {
    sections.computeIfAbsent(scenario, s -> new ArrayList<>()).add(line);
  }

  public synchronized Map<String, Metric> metrics() {
    return Map.copyOf(metrics);
  }

  /** {@code {"context": {...}, "metrics": {"name": {"value": 1.0, "unit": "ms"}}}}. */
  public synchronized String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("context", context);
    Map<String, Object> m = new LinkedHashMap<>();
    metrics.forEach((k, v) -> m.put(k, Map.of("value", v.value(), "unit", v.unit())));
    root.put("metrics", m);
    ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    return mapper.writeValueAsString(root);
  }

  /** The human-readable report: context, then per scenario its notes and its metrics. */
  public synchronized String markdown() {
    StringBuilder out = new StringBuilder("# Reelgate benchmark report\n\n");
    context.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
    List<String> scenarios = new ArrayList<>(sections.keySet());
    for (String name : metrics.keySet()) {
      String scenario = scenarioOf(name);
      if (!scenarios.contains(scenario)) {
        scenarios.add(scenario);
      }
    }
    for (String scenario : scenarios) {
      out.append("\n## ").append(scenario).append("\n\n");
      for (String line : sections.getOrDefault(scenario, List.of())) {
        out.append(line).append('\n');
      }
      boolean header = false;
      for (Map.Entry<String, Metric> e : metrics.entrySet()) {
        if (!scenarioOf(e.getKey()).equals(scenario)) {
          continue;
        }
        if (!header) {
          out.append("\n| metric | value | unit |\n|---|---:|---|\n");
          header = true;
        }
        out.append("| ")
            .append(e.getKey())
            .append(" | ")
            .append(format(e.getValue().value()))
            .append(" | ")
            .append(e.getValue().unit())
            .append(" |\n");
      }
    }
    return out.toString();
  }

  /** Writes {@code report.json} and {@code report.md} into a directory. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"), json());
    Files.writeString(dir.resolve("report.md"), markdown());
  }

  /** The part of a metric name before its first dot names its scenario. */
  static String scenarioOf(String metric) {
    int dot = metric.indexOf('.');
    return dot < 0 ? metric : metric.substring(0, dot);
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return Math.abs(v) >= 100
        ? String.format(Locale.ROOT, "%,.1f", v)
        : String.format(Locale.ROOT, "%.3f", v);
  }
}
