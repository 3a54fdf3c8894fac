package io.reelgate.cli;

import io.reelgate.client.apixo.TaskStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reelgate cancel}. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel a queued or running task; its credits are released.")
final class CancelCommand extends BaseCommand implements Callable<Integer> {
  @Mixin TaskIdArgs task;

  @Override
  public Integer call() {
    TaskStatus s = client().apixo().cancel(task.ref());
    if (json()) {
      printJson(Views.status(s));
    } else {
      Tables.status(out(), s);
    }
    return ExitCodes.OK;
  }
}
