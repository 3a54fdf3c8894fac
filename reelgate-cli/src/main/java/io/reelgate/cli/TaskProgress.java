package io.reelgate.cli;

import io.reelgate.client.apixo.TaskStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Shows a task's way to its end on standard error: a live bar at a terminal (state, elapsed time,
 * and the upstream's progress where the gateway reports it), one line per change otherwise, or
 * nothing.
 */
final class TaskProgress implements Consumer<TaskStatus>, AutoCloseable {
  /** How progress is shown. */
  enum Mode {
    BAR,
    LINES,
    NONE
  }

  private final Mode mode;
  private final PrintStream err;
  private final long started = System.nanoTime();
  private final String label;
  private ProgressBar bar;
  private boolean known;
  private String lastLine;

  TaskProgress(String label, Mode mode, PrintStream err) {
    this.label = label;
    this.mode = mode;
    this.err = err;
    if (mode == Mode.BAR) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(label)
              .setInitialMax(-1)
              .continuousUpdate()
              .setUpdateIntervalMillis(250)
              .hideEta()
              .setConsumer(new ConsoleProgressBarConsumer(err))
              .build();
      bar.setExtraMessage("submitted");
    }
  }

  /** The mode for these flags and this process. */
  static Mode choose(boolean json, boolean noProgress) {
    if (noProgress) {
      return Mode.NONE;
    }
    if (Terminal.interactive()) {
      return Mode.BAR;
    }
    return json ? Mode.NONE : Mode.LINES;
  }

  @Override
  public void accept(TaskStatus status) {
    String state = status.rawState() == null ? "?" : status.rawState();
    if (status.failCode() != null) {
      state = state + " (" + status.failCode() + ")";
    }
    Integer percent = status.isSuccess() ? Integer.valueOf(100) : status.progress();
    if (mode == Mode.BAR) {
      if (percent != null) {
        if (!known) {
          bar.maxHint(100);
          known = true;
        }
        bar.stepTo(Math.max(0, Math.min(100, percent)));
      }
      bar.setExtraMessage(state);
      bar.refresh();
    } else if (mode == Mode.LINES) {
      String line =
          label + " " + state + (percent != null && !status.isSuccess() ? " " + percent + "%" : "");
      if (!line.equals(lastLine)) {
        lastLine = line;
        err.println("[" + elapsed() + "] " + line);
        err.flush();
      }
    }
  }

  private String elapsed() {
    Duration d = Duration.ofNanos(System.nanoTime() - started);
    return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
