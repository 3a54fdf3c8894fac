package io.reelgate.server.task.internal;

import io.reelgate.core.task.TaskState;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.db.Batcher;
import io.reelgate.server.limits.ConcurrencyGuard;
import io.reelgate.server.limits.ConcurrencyGuard.Counter;
import io.reelgate.server.task.ConcurrentTaskUpdateException;
import io.reelgate.server.task.TaskCancelled;
import io.reelgate.server.task.TaskChanged;
import io.reelgate.server.task.TaskFinished;
import io.reelgate.server.task.TaskJobs;
import io.reelgate.server.task.TaskRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The writes of a batch of finishes, inside the transaction {@link TaskTransactions} opens: the
 * task rows in id order (a change made from a version that moved on loses), then the settlements by
 * account, the keys' counters, the jobs and the events (which write the webhooks owed).
 */
final class FinishWrites {
  private static final Logger log = LoggerFactory.getLogger(FinishWrites.class);

  private final TaskRepository tasks;
  private final Wallet wallet;
  private final ConcurrencyGuard concurrency;
  private final TaskJobs jobs;
  private final ApplicationEventPublisher events;

  FinishWrites(
      TaskRepository tasks,
      Wallet wallet,
      ConcurrencyGuard concurrency,
      TaskJobs jobs,
      ApplicationEventPublisher events) {
    this.tasks = tasks;
    this.wallet = wallet;
    this.concurrency = concurrency;
    this.jobs = jobs;
    this.events = events;
  }

  /** A finish waiting for its batch. */
  static final class Finishing extends Batcher.Item<TaskRecord> {
    final TaskRecord.Change change;

    Finishing(TaskRecord.Change change) {
      this.change = change;
    }
  }

  /** The transaction of a batch of finishes: task rows, then settlements, counters, the rest. */
  List<Decided<Finishing>> writeAll(List<Finishing> batch) {
    List<Finishing> ordered = new ArrayList<>(batch);
    ordered.sort(Comparator.comparing(f -> f.change.base().id()));
    List<TaskRecord> written = tasks.updateAll(ordered.stream().map(f -> f.change).toList()); // 1
    List<Decided<Finishing>> decided = new ArrayList<>();
    Map<String, Boolean> captures = new LinkedHashMap<>();
    Map<Counter, Integer> deltas = new HashMap<>();
    List<TaskRecord> done = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      Finishing f = ordered.get(i);
      TaskRecord after = written.get(i);
      TaskRecord before = f.change.base();
      if (after == null) {
        decided.add(new Decided<>(f, null, new ConcurrentTaskUpdateException(before.id())));
        continue;
      }
      captures.put(after.id(), after.state() == TaskState.SUCCEEDED);
      if (!before.state().isTerminal() && before.apiKeyId() != null) {
        deltas.merge(new Counter(before.apiKeyId(), before.model()), -1, Integer::sum);
      }
      done.add(after);
      decided.add(new Decided<>(f, after, null));
    }
    Set<String> settled = wallet.settleAll(captures); // 2
    if (settled.size() < captures.size()) {
      log.debug("{} finished task(s) had nothing left to settle", captures.size() - settled.size());
    }
    concurrency.addAll(deltas); // 3
    for (TaskRecord t : done) {
      jobs.stop(t.id());
      events.publishEvent(new TaskChanged(t));
      events.publishEvent(new TaskFinished(t));
      if (t.state() == TaskState.CANCELLED) {
        events.publishEvent(new TaskCancelled(t));
      }
    }
    return decided;
  }
}
