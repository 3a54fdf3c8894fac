package io.reelgate.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A short summary of a flight recording's CPU samples ({@code jdk.ExecutionSample}): the hottest
 * top frames, the hottest packages of the top frame, and the methods most often on the stack
 * (inclusive), the same view {@code jfr print --events jdk.ExecutionSample} gives when tallied.
 */
public final class Profile {
  private Profile() {}

  /** Markdown lines summarising the recording. */
  public static List<String> summarise(Path recording, int top) throws IOException {
    return summarise(List.of(recording), top);
  }

  /** Markdown lines summarising the recordings (of several nodes) as one. */
  public static List<String> summarise(List<Path> recordings, int top) throws IOException {
    Map<String, Integer> topFrames = new HashMap<>();
    Map<String, Integer> topPackages = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int samples = 0;
    List<RecordedEvent> events = new ArrayList<>();
    for (Path recording : recordings) {
      events.addAll(RecordingFile.readAllEvents(recording));
    }
    for (RecordedEvent e : events) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      RecordedFrame first = stack.getFrames().get(0);
      topFrames.merge(name(first), 1, Integer::sum);
      topPackages.merge(packageOf(first), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : stack.getFrames()) {
        String n = name(f);
        if (n.startsWith("io.reelgate.") && !n.contains("$$Lambda") && seen.add(n)) {
          inclusive.merge(n, 1, Integer::sum);
        }
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("CPU samples (jdk.ExecutionSample): " + samples);
    lines.add("");
    table(lines, "top frame (self time)", topFrames, samples, top);
    table(lines, "package of the top frame", topPackages, samples, top);
    table(lines, "Reelgate method on the stack (inclusive)", inclusive, samples, top);
    return lines;
  }

  private static void table(
      List<String> lines, String title, Map<String, Integer> counts, int samples, int top) {
    lines.add("| " + title + " | samples | share |");
    lines.add("|---|---:|---:|");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e ->
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "| `%s` | %d | %.1f%% |",
                        e.getKey(),
                        e.getValue(),
                        100.0 * e.getValue() / Math.max(1, samples))));
    lines.add("");
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static String packageOf(RecordedFrame f) {
    String type = f.getMethod().getType().getName();
    String[] parts = type.split("\\.");
    int keep = Math.min(parts.length - 1, 3);
    return keep <= 0 ? type : String.join(".", java.util.Arrays.copyOf(parts, keep));
  }
}
