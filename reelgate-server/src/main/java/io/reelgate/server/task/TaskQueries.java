package io.reelgate.server.task;

import io.reelgate.server.task.internal.TaskRepository;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Reads of task rows for the features around the task core; nothing here changes a task. */
@Service
public class TaskQueries {
  private final TaskRepository tasks;

  public TaskQueries(TaskRepository tasks) {
    this.tasks = tasks;
  }

  /** The task with this id, whoever owns it. */
  public Optional<TaskRecord> find(String taskId) {
    return tasks.find(taskId);
  }

  /** The task when it belongs to the account; another account's task is reported as absent. */
  public Optional<TaskRecord> findOwned(String accountId, String taskId) {
    return tasks.findOwned(accountId, taskId);
  }

  /**
   * The stored version of the account's task (another account's task is absent): enough to tell
   * whether a body made of the task at some version is still current.
   */
  public Optional<Integer> versionOwned(String accountId, String taskId) {
    if (taskId == null || taskId.isBlank() || taskId.length() > 80) {
      return Optional.empty();
    }
    return tasks.versionOwned(accountId, taskId);
  }

  /**
   * The account's tasks last changed at or after {@code sinceMillis}, oldest change first, at most
   * {@code limit}: what a client that saw the account's tasks up to then may have missed.
   */
  public List<TaskRecord> changedSince(String accountId, long sinceMillis, int limit) {
    return tasks.changedSince(accountId, sinceMillis, limit);
  }

  /** The newest task that runs (or ran) as this upstream job on this channel. */
  public Optional<TaskRecord> findByUpstreamJob(String channelId, String upstreamJobId) {
    return tasks.findByUpstreamJob(channelId, upstreamJobId);
  }

  /** The channels the task was handed to, oldest first. */
  public List<String> triedChannels(String taskId) {
    return tasks.triedChannels(taskId);
  }
}
