package io.reelgate.cli;

import io.reelgate.client.apixo.TaskRef;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A task named by its id. */
final class TaskIdArgs {
  @Parameters(
      index = "0",
      paramLabel = "TASK_ID",
      description = "The task's id (task_…, sora-video_…).")
  String taskId;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "MODEL",
      description =
          "A model of the catalog for the status path (default sora-2; the gateway finds any"
              + " task of the key's account whatever model is named).")
  String model = "sora-2";

  TaskRef ref() {
    return new TaskRef(model, taskId);
  }
}
