package io.reelgate.cli;

import io.reelgate.client.apixo.TaskStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reelgate status}. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a task's status.")
final class StatusCommand extends BaseCommand implements Callable<Integer> {
  @Mixin TaskIdArgs task;

  @Override
  public Integer call() {
    TaskStatus s = client().apixo().status(task.ref());
    if (json()) {
      printJson(Views.status(s));
    } else {
      Tables.status(out(), s);
    }
    return ExitCodes.OK;
  }
}
