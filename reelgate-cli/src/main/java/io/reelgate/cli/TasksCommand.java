package io.reelgate.cli;

import io.reelgate.client.apixo.TaskListParams;
import io.reelgate.client.apixo.TaskPage;
import io.reelgate.client.apixo.TaskState;
import io.reelgate.client.apixo.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reelgate tasks}. */
@Command(
    name = "tasks",
    mixinStandardHelpOptions = true,
    description = "List the key's tasks, newest first.")
final class TasksCommand extends BaseCommand implements Callable<Integer> {
  enum State {
    pending,
    processing,
    success,
    failed
  }

  @Option(names = "--state", description = "Only tasks in this state: ${COMPLETION-CANDIDATES}.")
  State state;

  @Option(
      names = {"-m", "--model"},
      description = "Only tasks of this model.")
  String model;

  @Option(
      names = "--since",
      paramLabel = "AGE",
      converter = DurationConverter.class,
      description = "Only tasks created within this long, e.g. 1h.")
  Duration since;

  @Option(
      names = {"-n", "--limit"},
      description = "Tasks per page, 1-100 (default 20).")
  int limit = 20;

  @Option(names = "--cursor", description = "Continue from a previous page's nextCursor.")
  String cursor;

  @Override
  public Integer call() {
    if (limit < 1 || limit > 100) {
      throw new CliException(ExitCodes.USAGE, "--limit: must be from 1 to 100, got " + limit);
    }
    TaskListParams.Builder params =
        TaskListParams.builder().model(model).limit(limit).cursor(cursor);
    if (state != null) {
      params.state(TaskState.of(state.name()));
    }
    if (since != null) {
      params.since(Instant.now().minus(since));
    }
    TaskPage page = client().apixo().tasks(params.build());
    if (json()) {
      List<Map<String, Object>> tasks = new ArrayList<>();
      for (TaskStatus t : page.tasks()) {
        tasks.add(Views.status(t));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tasks", tasks);
      m.put("nextCursor", page.nextCursor());
      printJson(m);
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"TASK", "MODEL", "STATE", "CREATED", "RESULT"});
      for (TaskStatus t : page.tasks()) {
        rows.add(
            new String[] {
              t.taskId(),
              t.model() == null ? "" : t.model(),
              t.rawState() + (t.failCode() == null ? "" : " " + t.failCode()),
              t.createTime() == null ? "" : t.createTime().toString(),
              t.resultUrl() == null ? "" : t.resultUrl()
            });
      }
      Tables.print(out(), rows);
      if (page.nextCursor() != null) {
        out().println("more: --cursor " + page.nextCursor());
      }
    }
    return ExitCodes.OK;
  }
}
