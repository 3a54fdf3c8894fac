package io.reelgate.server.task;

import io.reelgate.core.task.TaskState;
import io.reelgate.server.task.internal.TaskRepository;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Reads of task rows for the features around the task core; nothing here changes a task. */
@Service
public class TaskQueries {
  private final TaskRepository tasks;

  public TaskQueries(TaskRepository tasks) {
    this.tasks = tasks;
  }

  /** How many tasks are in an unfinished state, and since when the oldest of them waits. */
  public record Unfinished(TaskState state, long count, Long oldestSinceMillis) {}

  /**
   * The unfinished tasks per state (QUEUED, RUNNING, STORING; a state without tasks is absent),
   * with the creation time of the oldest queued task or the start of the oldest running or storing
   * one.
   */
  public List<Unfinished> unfinished() {
    return tasks.unfinished();
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

  /** Where a page of tasks ends: the creation time and id of its last task. */
  public record Position(long createdAt, String id) {}

  /**
   * Filters of a task listing.
   *
   * @param states only these states, or all when empty
   * @param model only this model id, or all when null
   * @param sinceMillis only tasks created at or after this time, or all when null
   */
  public record Filter(Set<TaskState> states, String model, Long sinceMillis) {
    public Filter {
      states = states == null ? Set.of() : Set.copyOf(states);
    }

    /** No filter. */
    public static Filter none() {
      return new Filter(Set.of(), null, null);
    }
  }

  /**
   * One page of the account's tasks (deleted ones left out) ordered by creation, newest first
   * unless {@code ascending}: at most {@code limit} tasks after {@code after} (null: from the
   * start). A caller asks for one more than it shows to know whether another page follows.
   */
  public List<TaskRecord> page(
      String accountId, Filter filter, Position after, boolean ascending, int limit) {
    java.util.Objects.requireNonNull(accountId, "accountId");
    return tasks.page(
        accountId, filter.states(), filter.model(), filter.sinceMillis(), after, ascending, limit);
  }

  /**
   * One page of the tasks of every account, or of one when {@code accountId} is given, for the
   * operator; otherwise as {@link #page}.
   */
  public List<TaskRecord> pageOfAll(String accountId, Filter filter, Position after, int limit) {
    return tasks.page(
        accountId, filter.states(), filter.model(), filter.sinceMillis(), after, false, limit);
  }

  /** The newest task that runs (or ran) as this upstream job on this channel. */
  public Optional<TaskRecord> findByUpstreamJob(String channelId, String upstreamJobId) {
    return tasks.findByUpstreamJob(channelId, upstreamJobId);
  }

  /**
   * Finished tasks whose result's lifetime ended at or before {@code cutoffMillis} (they finished
   * then) and whose stored files are still kept, oldest first, at most {@code limit}.
   */
  public List<TaskRecord> dueForRetention(long cutoffMillis, int limit) {
    return tasks.dueForRetention(cutoffMillis, limit);
  }

  /** The channels the task was handed to, oldest first. */
  public List<String> triedChannels(String taskId) {
    return tasks.triedChannels(taskId);
  }
}
