package io.reelgate.server.task.internal;

import io.reelgate.core.catalog.Limits;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.limits.ConcurrencyGuard;
import io.reelgate.server.task.ConcurrentTaskUpdateException;
import io.reelgate.server.task.SubmitCommand;
import io.reelgate.server.task.TaskCancelled;
import io.reelgate.server.task.TaskChanged;
import io.reelgate.server.task.TaskFinished;
import io.reelgate.server.task.TaskJobs;
import io.reelgate.server.task.TaskRecord;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *   <li>the task's row (a version-checked update; inserting a new task waits for nobody);
 *   <li>the account's row (the wallet's guarded update of its totals);
 *   <li>the key's unfinished-task counter row;
 *   <li>then only inserts: ledger rows, the idempotency key, the webhook outbox, jobs.
 * </ol>
 *
 * A submission takes 2 → 3 → 4; finishing a task (success, failure, cancellation, timeout) takes 1
 * → 2 → 3 → 4; every other change of a task takes its row alone. With one order no two of these
 * transactions can wait for each other in a circle. What can still lose a race under load (a lock
 * wait that times out, a deadlock report of the database) is rolled back and run again, at most
 * {@value #TRIES} times, so a client never sees it.
 */
@Component
public class TaskTransactions {
  /** How often a transaction that lost a lock race is run before the failure is passed on. */
  static final int TRIES = 5;

  private static final Logger log = LoggerFactory.getLogger(TaskTransactions.class);

  private final TaskRepository tasks;
  private final Wallet wallet;
  private final ConcurrencyGuard concurrency;
  private final IdempotencyKeys idempotencyKeys;
  private final TaskJobs jobs;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate tx;

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
  }

  /**
   * Accepts a new task: its credits reserved, its key's count raised, its row, its idempotency key
   * and its job written — all committed together or not at all.
   *
   * @throws io.reelgate.server.billing.InsufficientCreditsException when the balance is too small
   * @throws io.reelgate.server.limits.LimitExceededException when the key has too many unfinished
   *     tasks of the model
   * @throws org.springframework.dao.DuplicateKeyException when the idempotency key was recorded by
   *     a concurrent submission first
   */
  public TaskRecord admit(
      SubmitCommand command, TaskRecord task, Limits limits, String fingerprint) {
    // why: outside the transaction, so the counter row exists before any transaction locks it
    concurrency.prepare(task.apiKeyId(), task.model());
    return inTransaction(
        () -> {
          wallet.reserve(task.accountId(), task.id(), task.price()); // 2 (and a ledger insert)
          concurrency.admit(task.apiKeyId(), task.model(), limits.concurrentTasks()); // 3
          tasks.insert(task);
          if (fingerprint != null) {
            idempotencyKeys.record(
                task.accountId(), command.idempotencyKey(), fingerprint, task.id());
          }
          jobs.scheduleNew(task.id());
          events.publishEvent(new TaskChanged(task));
          return task;
        });
  }

  /**
   * Moves a task to a terminal state: captures its reservation on success, releases it otherwise,
   * lowers its key's count, and publishes {@link TaskChanged} and {@link TaskFinished} (and {@link
   * TaskCancelled} for a cancellation) inside the transaction, so the webhook it owes is written
   * with it.
   *
   * @throws ConcurrentTaskUpdateException when another writer changed the task first
   */
  public TaskRecord finish(TaskRecord.Change change) {
    TaskState target = change.targetState();
    if (!target.isTerminal()) {
      throw new IllegalArgumentException(target + " is not a terminal state");
    }
    TaskRecord before = change.base();
    return inTransaction(
        () -> {
          TaskRecord done = tasks.update(change); // 1
          if (target == TaskState.SUCCEEDED) {
            wallet.capture(done.id()); // 2
          } else {
            wallet.release(done.id()); // 2
          }
          if (!before.state().isTerminal() && before.apiKeyId() != null) {
            concurrency.release(before.apiKeyId(), before.model()); // 3
          }
          jobs.stop(done.id());
          events.publishEvent(new TaskChanged(done));
          events.publishEvent(new TaskFinished(done));
          if (target == TaskState.CANCELLED) {
            events.publishEvent(new TaskCancelled(done));
          }
          return done;
        });
  }

  /** Writes a change that neither creates nor finishes a task: the task's row alone. */
  public TaskRecord change(TaskRecord.Change change) {
    if (change.targetState().isTerminal()) {
      throw new IllegalArgumentException("use finish for " + change.targetState());
    }
    return inTransaction(
        () -> {
          TaskRecord after = tasks.update(change);
          events.publishEvent(new TaskChanged(after));
          return after;
        });
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
}
