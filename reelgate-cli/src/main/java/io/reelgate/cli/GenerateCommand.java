package io.reelgate.cli;

import io.reelgate.client.RequestOptions;
import io.reelgate.client.apixo.TaskRef;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reelgate generate}: submit, follow with a progress bar, download the MP4. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Submit a task, show its progress and write the video.",
      "",
      "Example: reelgate generate sora-2 'a red kite over dunes' --duration 4 -o kite.mp4"
    })
final class GenerateCommand extends BaseCommand implements Callable<Integer> {
  @Mixin RequestArgs request;

  @Mixin WaitArgs waiting;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to write the MP4 (default <taskId>.mp4).")
  Path output;

  @Option(names = "--no-wait", description = "Only submit; print the task id.")
  boolean noWait;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description =
          "Idempotency-Key of the submission (default: a fresh one, kept across retries).")
  String idempotencyKey;

  @Override
  public Integer call() {
    RequestOptions options =
        idempotencyKey == null
            ? RequestOptions.none()
            : RequestOptions.builder().idempotencyKey(idempotencyKey).build();
    TaskRef task;
    try {
      task = client().apixo().generate(request.model, request.params(), options);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "--idempotency-key: " + e.getMessage());
    }
    if (noWait) {
      if (json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taskId", task.taskId());
        m.put("model", task.model());
        printJson(m);
      } else {
        out().println(task.taskId());
      }
      return ExitCodes.OK;
    }
    if (!json() && progressMode() != TaskProgress.Mode.NONE) {
      err().println("submitted " + task.taskId());
      err().flush();
    }
    return waiting.finish(this, task, output);
  }
}
