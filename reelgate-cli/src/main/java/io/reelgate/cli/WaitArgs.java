package io.reelgate.cli;

import io.reelgate.client.WaitOptions;
import io.reelgate.client.apixo.TaskRef;
import io.reelgate.client.apixo.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** Waiting for a task and fetching its video (shared by {@code generate} and {@code wait}). */
final class WaitArgs {
  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Give up waiting after this long, e.g. 90s, 20m, 1h (default 30m); the task goes on.")
  Duration timeout = Duration.ofMinutes(30);

  @Option(names = "--poll", description = "Poll the status instead of following the event stream.")
  boolean poll;

  /** Waits, shows progress, downloads on success; returns the exit code. */
  int finish(BaseCommand command, TaskRef task, Path output) {
    WaitOptions options = WaitOptions.builder().timeout(timeout).useEvents(!poll).build();
    TaskStatus done;
    try (TaskProgress progress =
        new TaskProgress(task.taskId(), command.progressMode(), System.err)) {
      done = command.client().apixo().waitFor(task, options, progress);
    }
    Map<String, Object> view = Views.status(done);
    if (!done.isSuccess()) {
      if (command.json()) {
        command.printJson(view);
      }
      command
          .err()
          .println(
              "reelgate: task "
                  + done.taskId()
                  + " "
                  + done.rawState()
                  + (done.failCode() == null ? "" : ": " + done.failCode())
                  + (done.failMsg() == null ? "" : ": " + done.failMsg()));
      command.err().flush();
      return ExitCodes.FAILED;
    }
    Path target = output;
    if (target == null && command instanceof GenerateCommand) {
      target = Path.of(done.taskId() + ".mp4");
    }
    if (target != null && done.resultUrl() != null) {
      long bytes = command.client().download(done.resultUrl(), target);
      view.put("file", target.toAbsolutePath().toString());
      view.put("bytes", bytes);
      if (!command.json()) {
        command.out().println(target);
      }
    } else if (!command.json()) {
      command.out().println(done.resultUrl());
    }
    if (command.json()) {
      command.printJson(view);
    }
    command.out().flush();
    return ExitCodes.OK;
  }
}
