package io.reelgate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reelgate wait}. */
@Command(
    name = "wait",
    mixinStandardHelpOptions = true,
    description =
        "Wait for a task to finish, showing its progress; print its video URL or write it with -o.")
final class WaitCommand extends BaseCommand implements Callable<Integer> {
  @Mixin TaskIdArgs task;

  @Mixin WaitArgs waiting;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the MP4 here.")
  Path output;

  @Override
  public Integer call() {
    return waiting.finish(this, task.ref(), output);
  }
}
