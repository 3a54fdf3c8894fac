package io.reelgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code memory}: what tasks in flight cost the server's heap, measured around one in-flight run
 * (it needs tasks held in flight) at three points: right before the tasks are submitted, with all
 * of them held at the stub upstream, and after they finished and were delivered. At each point it
 * reads the used heap after a full GC ({@code jcmd GC.run}, {@code GC.heap_info}) and the class
 * histogram ({@code jcmd GC.class_histogram}) of every server node.
 *
 * <p>The histogram figure ({@code histogram_bytes_per_task}) adds up only the classes whose live
 * instances grew with the tasks ({@link ClassHistogram#MIN_INSTANCES_PER_TASK} or more per task)
 * between the run with the tasks in flight and after they finished, divided by the tasks: what the
 * server keeps per task in flight, by owner.
 */
final class MemoryScenario {
  /** Classes listed per run in {@code report.md}. */
  static final int TOP_CLASSES = 15;

  private final BenchContext ctx;
  private final String run;
  private final boolean describe;
  private final boolean listClasses;
  private long heapBefore;
  private ClassHistogram histogramBefore;
  private long heapWith;
  private ClassHistogram histogramWith;
  private long tasks;

  /**
   * @param run the in-flight run's name ({@code inflight_push_2000}); the metrics are {@code
   *     memory.<run>.…}
   * @param describe add the scenario's description to the report (once per report)
   * @param listClasses list the classes that grew in {@code report.md}
   */
  MemoryScenario(BenchContext ctx, String run, boolean describe, boolean listClasses) {
    this.ctx = ctx;
    this.run = run;
    this.describe = describe;
    this.listClasses = listClasses;
  }

  void beforeSubmit() throws IOException, InterruptedException {
    heapBefore = ctx.servers().heapAfterGc();
    histogramBefore = ctx.servers().classHistogram();
  }

  void withTasksInFlight(long dispatched) throws IOException, InterruptedException {
    tasks = Math.max(1, dispatched);
    heapWith = ctx.servers().heapAfterGc();
    histogramWith = ctx.servers().classHistogram();
    Report report = ctx.report();
    report.put(
        "memory." + run + ".heap_per_task", (heapWith - heapBefore) / (double) tasks, "bytes");
    report.put("memory." + run + ".heap_before", heapBefore / 1048576.0, "MiB");
    report.put("memory." + run + ".heap_with_tasks", heapWith / 1048576.0, "MiB");
    report.put(
        "memory." + run + ".histogram_bytes_per_task_vs_before",
        ClassHistogram.bytes(histogramWith.growthSince(histogramBefore, tasks)) / (double) tasks,
        "bytes");
    if (describe) {
      describe(report);
    }
  }

  void afterCompletion() throws IOException, InterruptedException {
    long heapAfter = ctx.servers().heapAfterGc();
    ClassHistogram histogramAfter = ctx.servers().classHistogram();
    Report report = ctx.report();
    report.put("memory." + run + ".heap_after_completion", heapAfter / 1048576.0, "MiB");
    report.put(
        "memory." + run + ".heap_per_task_vs_after_completion",
        (heapWith - heapAfter) / (double) tasks,
        "bytes");
    List<ClassHistogram.Growth> grown = histogramWith.growthSince(histogramAfter, tasks);
    report.put(
        "memory." + run + ".histogram_bytes_per_task",
        ClassHistogram.bytes(grown) / (double) tasks,
        "bytes");
    report.put(
        "memory." + run + ".histogram_total_bytes_per_task",
        (histogramWith.totalBytes() - histogramAfter.totalBytes()) / (double) tasks,
        "bytes");
    report.put("memory." + run + ".histogram_classes", grown.size(), "1");
    if (listClasses) {
      List<String> table = table(run, grown, tasks, TOP_CLASSES);
      report.note("memory", "");
      table.forEach(line -> report.note("memory", line));
      Files.createDirectories(ctx.options().out());
      Files.write(
          ctx.options().out().resolve(run + ".classes.md"),
          table(run, grown, tasks, Integer.MAX_VALUE));
    }
  }

  private void describe(Report report) {
    report.note(
        "memory",
        "Heap of the server after a full GC (`jcmd GC.run` then `GC.heap_info`) right before"
            + " submitting the tasks of an in-flight run and again 2 s after all of them reached"
            + " the stub upstream; the difference divided by the number of tasks. It includes"
            + " everything a task adds to the process: polling state, caches, and the embedded"
            + " database's page cache on H2. `heap_per_task_vs_after_completion` compares with"
            + " the heap after the same tasks finished and were delivered instead, which leaves"
            + " out what stays with a finished task (its rows in the database's cache).");
    report.note("memory", "");
    report.note(
        "memory",
        String.format(
            Locale.ROOT,
            "By class: `jcmd GC.class_histogram` at the same points. `histogram_bytes_per_task`"
                + " adds up the bytes of the classes whose live instances grew by at least %.1f"
                + " per task between the histogram with the tasks in flight and the one after they"
                + " finished, divided by the tasks (`_vs_before`: against the histogram before"
                + " they were submitted); `histogram_total_bytes_per_task` is the difference of"
                + " all classes; `histogram_classes` counts the classes that grew. With several"
                + " nodes the histograms of all nodes are added up.",
            ClassHistogram.MIN_INSTANCES_PER_TASK));
  }

  /** The Markdown table of the classes that grew, the most bytes per task first. */
  static List<String> table(String run, List<ClassHistogram.Growth> grown, long tasks, int top) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Classes that grew with the %,d tasks of `%s` (in flight minus after completion),"
                + " by bytes per task:",
            tasks,
            run));
    lines.add("");
    lines.add("| class | package | instances per task | bytes per task |");
    lines.add("|---|---|---:|---:|");
    for (ClassHistogram.Growth g : grown.subList(0, Math.min(top, grown.size()))) {
      lines.add(
          String.format(
              Locale.ROOT,
              "| `%s` | %s | %.2f | %.1f |",
              g.displayName(),
              g.packageName().isEmpty() ? "—" : "`" + g.packageName() + "`",
              g.instances() / (double) tasks,
              g.bytes() / (double) tasks));
    }
    if (grown.size() > top) {
      long rest = ClassHistogram.bytes(grown.subList(top, grown.size()));
      lines.add(
          String.format(
              Locale.ROOT,
              "| %d more %s | | | %.1f |",
              grown.size() - top,
              grown.size() - top == 1 ? "class" : "classes",
              rest / (double) tasks));
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "| **sum (%d classes)** | | | **%.1f** |",
            grown.size(),
            ClassHistogram.bytes(grown) / (double) tasks));
    return lines;
  }
}
