package io.reelgate.server.task.internal;

import io.reelgate.core.catalog.Limits;
import io.reelgate.core.task.TaskState;
import io.reelgate.core.task.TaskTransitions;
import io.reelgate.server.billing.InsufficientCreditsException;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.db.Batcher;
import io.reelgate.server.limits.ConcurrencyGuard;
import io.reelgate.server.limits.LimitExceededException;
import io.reelgate.server.task.ConcurrentTaskUpdateException;
import io.reelgate.server.task.IdempotencyConflictException;
import io.reelgate.server.task.SubmitCommand;
import io.reelgate.server.task.TaskCancelled;
import io.reelgate.server.task.TaskChanged;
import io.reelgate.server.task.TaskFinished;
import io.reelgate.server.task.TaskJobs;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.internal.AdmissionWrites.Admission;
import io.reelgate.server.task.internal.FinishWrites.Finishing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions that create or finish a task: the only place where a task row, its account's
 * credits and its key's unfinished-task count change together. Each takes its locks in one order,
 * the same for every transaction of the server:
 *
 * <ol>
 *   <li>task rows, in id order (version-checked updates; inserting new tasks waits for nobody);
 *   <li>account rows, in id order (the wallet's locks and guarded updates of the totals);
 *   <li>the keys' unfinished-task counter rows, in key and model order;
 *   <li>then only inserts: ledger rows, idempotency keys, the webhook outbox, jobs.
 * </ol>
 *
 * Submissions take 2 → 3 → 4; finishing tasks (success, failure, cancellation, timeout) takes 1 → 2
 * → 3 → 4; every other change of a task takes its row alone. With one order no two of these
 * transactions can wait for each other in a circle. What can still lose a race under load (a lock
 * wait that times out, a deadlock report of the database) is rolled back and run again, at most
 * {@value #TRIES} times, so a client never sees it.
 *
 * <p>Submissions and finishes arriving together are written together: each kind goes through a
 * {@link Batcher} whose thread runs whatever queued up meanwhile as one transaction, so a burst
 * costs one commit and a few statements instead of a commit and a handful of statements per task.
 * Every item still gets its own outcome: a refusal (credits, limit, idempotency) or a lost version
 * check concerns that item only. Called inside a transaction the caller holds, the work runs there
 * directly.
 */
@Component
public class TaskTransactions implements DisposableBean {
  /** How often a transaction that lost a lock race is run before the failure is passed on. */
  static final int TRIES = 5;

  /** The most items one transaction takes. */
  static final int MAX_BATCH = 64;

  private static final Logger log = LoggerFactory.getLogger(TaskTransactions.class);

  private final TaskRepository tasks;
  private final Wallet wallet;
  private final ConcurrencyGuard concurrency;
  private final IdempotencyKeys idempotencyKeys;
  private final TaskJobs jobs;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate tx;
  private final AdmissionWrites admissionWrites;
  private final FinishWrites finishWrites;
  private final Batcher<Admission> admissions;
  private final Batcher<Finishing> finishes;
  private final Batcher<Changing> changes;

  public TaskTransactions(
      TaskRepository tasks,
      Wallet wallet,
      ConcurrencyGuard concurrency,
      IdempotencyKeys idempotencyKeys,
      TaskJobs jobs,
      ApplicationEventPublisher events,
      TransactionTemplate tx) {
    this.tasks = tasks;
    this.wallet = wallet;
    this.concurrency = concurrency;
    this.idempotencyKeys = idempotencyKeys;
    this.jobs = jobs;
    this.events = events;
    this.tx = tx;
    this.admissionWrites =
        new AdmissionWrites(tasks, wallet, concurrency, idempotencyKeys, jobs, events);
    this.finishWrites = new FinishWrites(tasks, wallet, concurrency, jobs, events);
    this.admissions = new Batcher<>("task-admissions", MAX_BATCH, this::admitBatch);
    this.finishes = new Batcher<>("task-finishes", MAX_BATCH, this::finishBatch);
    this.changes = new Batcher<>("task-changes", MAX_BATCH, this::changeBatch);
  }

  /**
   * Accepts a new task: its credits reserved, its key's count raised, its row, its idempotency key
   * and its job written — all committed together or not at all. With an idempotency key used before
   * (in this batch or earlier) for the same request, the earlier task is returned and nothing is
   * written.
   *
   * @throws InsufficientCreditsException when the balance is too small
   * @throws LimitExceededException when the key has too many unfinished tasks of the model
   * @throws IdempotencyConflictException when the idempotency key was used for another request
   * @throws org.springframework.dao.DuplicateKeyException when the idempotency key was recorded by
   *     a concurrent submission on another node first
   */
  public TaskRecord admit(
      SubmitCommand command, TaskRecord task, Limits limits, String fingerprint) {
    // why: outside the transaction, so the counter row exists before any transaction locks it
    concurrency.prepare(task.apiKeyId(), task.model());
    Admission a = new Admission(command, task, limits, fingerprint);
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      admitBatch(List.of(a));
    } else {
      admissions.submit(a);
    }
    return a.await();
  }

  /**
   * Moves a task to a terminal state: captures its reservation on success, releases it otherwise,
   * lowers its key's count, stops its job, and publishes {@link TaskChanged} and {@link
   * TaskFinished} (and {@link TaskCancelled} for a cancellation) inside the transaction, so the
   * webhook it owes is written with it.
   *
   * @throws ConcurrentTaskUpdateException when another writer changed the task first
   * @throws io.reelgate.core.task.IllegalTransitionException when the table forbids the change
   */
  public TaskRecord finish(TaskRecord.Change change) {
    TaskState target = change.targetState();
    if (!target.isTerminal()) {
      throw new IllegalArgumentException(target + " is not a terminal state");
    }
    TaskTransitions.check(change.base().state(), target);
    Finishing f = new Finishing(change);
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      finishBatch(List.of(f));
    } else {
      finishes.submit(f);
    }
    return f.await();
  }

  /**
   * Writes a change that neither creates nor finishes a task: the task's row alone. A finished task
   * may still change in what is not its state (its result's files expiring).
   *
   * @throws ConcurrentTaskUpdateException when another writer changed the task first
   * @throws io.reelgate.core.task.IllegalTransitionException when the table forbids the change
   */
  public TaskRecord change(TaskRecord.Change change) {
    if (change.targetState().isTerminal() && change.targetState() != change.base().state()) {
      throw new IllegalArgumentException("use finish for " + change.targetState());
    }
    if (change.targetState() != change.base().state()) {
      TaskTransitions.check(change.base().state(), change.targetState());
    }
    Changing c = new Changing(change);
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      changeBatch(List.of(c));
    } else {
      changes.submit(c);
    }
    return c.await();
  }

  /** A change waiting for its batch. */
  static final class Changing extends Batcher.Item<TaskRecord> {
    final TaskRecord.Change change;

    Changing(TaskRecord.Change change) {
      this.change = change;
    }
  }

  void admitBatch(List<Admission> batch) {
    runBatch(batch, admissionWrites::writeAll, this::admitBatch);
  }

  void finishBatch(List<Finishing> batch) {
    runBatch(batch, finishWrites::writeAll, this::finishBatch);
  }

  void changeBatch(List<Changing> batch) {
    runBatch(batch, this::changeAll, this::changeBatch);
  }

  /**
   * Writes a batch in one transaction and tells every item its outcome after the commit. A batch
   * that fails as a whole (say an idempotency key another node recorded meanwhile) is run again
   * item by item, so the failure reaches only the item it concerns.
   */
  private <I extends Batcher.Item<TaskRecord>> void runBatch(
      List<I> batch,
      java.util.function.Function<List<I>, List<Decided<I>>> write,
      java.util.function.Consumer<List<I>> again) {
    List<Decided<I>> decided;
    try {
      decided = inTransaction(() -> write.apply(batch));
    } catch (RuntimeException e) {
      if (batch.size() > 1) {
        log.debug("a batch of {} failed as a whole; writing its items one by one", batch.size(), e);
        batch.forEach(item -> again.accept(List.of(item)));
      } else {
        batch.get(0).fail(e);
      }
      return;
    }
    decided.forEach(Decided::tell);
  }

  /** The transaction of a batch of changes: the task rows in id order, nothing else. */
  private List<Decided<Changing>> changeAll(List<Changing> batch) {
    List<Changing> ordered = new ArrayList<>(batch);
    ordered.sort(Comparator.comparing(c -> c.change.base().id()));
    List<TaskRecord> written = tasks.updateAll(ordered.stream().map(c -> c.change).toList()); // 1
    List<Decided<Changing>> decided = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      Changing c = ordered.get(i);
      TaskRecord after = written.get(i);
      if (after == null) {
        decided.add(
            new Decided<>(c, null, new ConcurrentTaskUpdateException(c.change.base().id())));
      } else {
        events.publishEvent(new TaskChanged(after));
        decided.add(new Decided<>(c, after, null));
      }
    }
    return decided;
  }

  /**
   * Runs {@code body} in a transaction, again when the database reports a lost lock race. Inside a
   * transaction the caller already holds, it runs once: only the outermost transaction can retry.
   */
  <T> T inTransaction(Supplier<T> body) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      return body.get();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return tx.execute(status -> body.get());
      } catch (TransientDataAccessException e) {
        if (attempt >= TRIES) {
          throw e;
        }
        log.debug("transaction lost a lock race (attempt {}): {}", attempt, e.getMessage());
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      // why: a short, growing and jittered pause lets the winner commit before the next try
      Thread.sleep((long) (Math.random() * 5 * attempt) + attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConcurrentTaskUpdateException("(interrupted while retrying)");
    }
  }

  /** Lets the submissions and finishes already handed in run, and takes no more. */
  @Override
  public void destroy() {
    admissions.close();
    finishes.close();
    changes.close();
  }
}
