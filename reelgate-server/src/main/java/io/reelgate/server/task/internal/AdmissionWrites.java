package io.reelgate.server.task.internal;

import io.reelgate.core.catalog.Limits;
import io.reelgate.server.billing.AccountNotFoundException;
import io.reelgate.server.billing.InsufficientCreditsException;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.db.Batcher;
import io.reelgate.server.limits.ConcurrencyGuard;
import io.reelgate.server.limits.ConcurrencyGuard.Counter;
import io.reelgate.server.task.IdempotencyConflictException;
import io.reelgate.server.task.SubmitCommand;
import io.reelgate.server.task.TaskChanged;
import io.reelgate.server.task.TaskJobs;
import io.reelgate.server.task.TaskRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The writes of a batch of submissions, inside the transaction {@link TaskTransactions} opens: the
 * accounts' rows locked in id order and every item's price checked against what is left, the keys'
 * counters locked and checked the same way, idempotency keys answered (an earlier use of the same
 * request answers with its task; another request is a conflict), then the accepted tasks'
 * reservations, counters, rows, keys and jobs written in batches.
 */
final class AdmissionWrites {
  private final TaskRepository tasks;
  private final Wallet wallet;
  private final ConcurrencyGuard concurrency;
  private final IdempotencyKeys idempotencyKeys;
  private final TaskJobs jobs;
  private final ApplicationEventPublisher events;

  AdmissionWrites(
      TaskRepository tasks,
      Wallet wallet,
      ConcurrencyGuard concurrency,
      IdempotencyKeys idempotencyKeys,
      TaskJobs jobs,
      ApplicationEventPublisher events) {
    this.tasks = tasks;
    this.wallet = wallet;
    this.concurrency = concurrency;
    this.idempotencyKeys = idempotencyKeys;
    this.jobs = jobs;
    this.events = events;
  }

  /** A submission waiting for its batch. */
  static final class Admission extends Batcher.Item<TaskRecord> {
    final SubmitCommand command;
    final TaskRecord task;
    final Limits limits;
    final String fingerprint;

    Admission(SubmitCommand command, TaskRecord task, Limits limits, String fingerprint) {
      this.command = command;
      this.task = task;
      this.limits = limits;
      this.fingerprint = fingerprint;
    }

    Counter counter() {
      return new Counter(task.apiKeyId(), task.model());
    }

    String idempotencyKey() {
      return fingerprint == null ? null : task.accountId() + "\n" + command.idempotencyKey();
    }
  }

  /** The transaction of a batch of submissions; decides every item, writes the accepted ones. */
  List<Decided<Admission>> writeAll(List<Admission> batch) {
    Map<String, Long> balances =
        wallet.lockBalances(batch.stream().map(a -> a.task.accountId()).toList()); // 2
    Map<String, IdempotencyKeys.Entry> earlier = earlierKeys(batch);
    Map<Counter, Integer> counts =
        new HashMap<>(concurrency.lockCounts(batch.stream().map(Admission::counter).toList())); // 3
    List<Decided<Admission>> decided = new ArrayList<>();
    Map<String, Admission> keyedHere = new HashMap<>();
    List<Admission> accepted = new ArrayList<>();
    for (Admission a : batch) {
      String key = a.idempotencyKey();
      if (key != null) {
        IdempotencyKeys.Entry e = earlier.get(key);
        Admission here = keyedHere.get(key);
        if (e != null || here != null) {
          String fingerprint = e != null ? e.fingerprint() : here.fingerprint;
          if (!fingerprint.equals(a.fingerprint)) {
            decided.add(new Decided<>(a, null, new IdempotencyConflictException()));
          } else {
            TaskRecord first =
                e != null
                    ? tasks.findOwned(a.task.accountId(), e.taskId()).orElseThrow()
                    : here.task;
            decided.add(new Decided<>(a, first, null));
          }
          continue;
        }
      }
      Long balance = balances.get(a.task.accountId());
      if (balance == null) {
        decided.add(new Decided<>(a, null, new AccountNotFoundException(a.task.accountId())));
        continue;
      }
      if (balance < a.task.price()) {
        decided.add(new Decided<>(a, null, new InsufficientCreditsException(a.task.price())));
        continue;
      }
      int unfinished = counts.getOrDefault(a.counter(), Integer.MAX_VALUE);
      if (unfinished >= a.limits.concurrentTasks()) {
        decided.add(
            new Decided<>(
                a, null, ConcurrencyGuard.overLimit(a.task.model(), a.limits.concurrentTasks())));
        continue;
      }
      balances.put(a.task.accountId(), balance - a.task.price());
      counts.put(a.counter(), unfinished + 1);
      if (key != null) {
        keyedHere.put(key, a);
      }
      accepted.add(a);
      decided.add(new Decided<>(a, a.task, null));
    }
    if (!accepted.isEmpty()) {
      wallet.reserveAll(
          accepted.stream()
              .map(a -> new Wallet.Hold(a.task.accountId(), a.task.id(), a.task.price()))
              .toList()); // 2 (and ledger inserts)
      Map<Counter, Integer> deltas = new HashMap<>();
      accepted.forEach(a -> deltas.merge(a.counter(), 1, Integer::sum));
      concurrency.addAll(deltas); // 3
      tasks.insertAll(accepted.stream().map(a -> a.task).toList());
      List<IdempotencyKeys.Use> uses =
          accepted.stream()
              .filter(a -> a.fingerprint != null)
              .map(
                  a ->
                      new IdempotencyKeys.Use(
                          a.task.accountId(),
                          a.command.idempotencyKey(),
                          a.fingerprint,
                          a.task.id()))
              .toList();
      if (!uses.isEmpty()) {
        idempotencyKeys.recordAll(uses);
      }
      jobs.scheduleNew(accepted.stream().map(a -> a.task.id()).toList());
      accepted.forEach(a -> events.publishEvent(new TaskChanged(a.task)));
    }
    return decided;
  }

  private Map<String, IdempotencyKeys.Entry> earlierKeys(List<Admission> batch) {
    Map<String, List<String>> keysByAccount = new LinkedHashMap<>();
    for (Admission a : batch) {
      if (a.fingerprint != null) {
        keysByAccount
            .computeIfAbsent(a.task.accountId(), k -> new ArrayList<>())
            .add(a.command.idempotencyKey());
      }
    }
    Map<String, IdempotencyKeys.Entry> out = new HashMap<>();
    keysByAccount.forEach(
        (account, keys) ->
            idempotencyKeys
                .findAll(account, keys)
                .forEach((k, e) -> out.put(account + "\n" + k, e)));
    return out;
  }
}
