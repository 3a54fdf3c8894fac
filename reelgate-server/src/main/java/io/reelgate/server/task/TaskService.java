package io.reelgate.server.task;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.reelgate.core.catalog.Limits;
import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.RequestField;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.catalog.ModelAliases;
import io.reelgate.server.fetch.ForbiddenAddressException;
import io.reelgate.server.fetch.UrlGuard;
import io.reelgate.server.jobs.PipelineJob;
import io.reelgate.server.limits.ConcurrencyGuard;
import io.reelgate.server.limits.KeyLimits;
import io.reelgate.server.limits.SubmissionRateLimiter;
import io.reelgate.server.moderation.Moderation;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts and cancels tasks. A submission is checked against the model's rules and the key's
 * limits, then in one transaction the task row, its credit reservation, its idempotency key and its
 * pipeline job are written: either all exist or none does.
 */
@Service
public class TaskService {
  private final ModelCatalog catalog;
  private final ModelAliases aliases;
  private final TaskRepository tasks;
  private final Wallet wallet;
  private final UrlGuard urlGuard;
  private final Moderation moderation;
  private final ObjectProvider<Scheduler> scheduler;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final TaskLifecycle lifecycle;
  private final KeyLimits keyLimits;
  private final SubmissionRateLimiter rateLimiter;
  private final ConcurrencyGuard concurrency;
  private final IdempotencyKeys idempotencyKeys;
  private final RequestJson requestJson;

  public TaskService(
      ModelCatalog catalog,
      ModelAliases aliases,
      TaskRepository tasks,
      Wallet wallet,
      UrlGuard urlGuard,
      Moderation moderation,
      ObjectProvider<Scheduler> scheduler,
      TransactionTemplate tx,
      Clock clock,
      TaskLifecycle lifecycle,
      KeyLimits keyLimits,
      SubmissionRateLimiter rateLimiter,
      ConcurrencyGuard concurrency,
      IdempotencyKeys idempotencyKeys,
      RequestJson requestJson) {
    this.catalog = catalog;
    this.aliases = aliases;
    this.tasks = tasks;
    this.wallet = wallet;
    this.urlGuard = urlGuard;
    this.moderation = moderation;
    this.scheduler = scheduler;
    this.tx = tx;
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.keyLimits = keyLimits;
    this.rateLimiter = rateLimiter;
    this.concurrency = concurrency;
    this.idempotencyKeys = idempotencyKeys;
    this.requestJson = requestJson;
  }

  /**
   * The spec of a public model or alias, retired or not (statuses of old tasks keep working).
   *
   * @throws ModelNotFoundException for an unknown name
   */
  public ModelSpec model(String id) {
    return catalog.find(aliases.resolve(id)).orElseThrow(() -> new ModelNotFoundException(id));
  }

  /**
   * The spec of a public model or alias that takes new tasks.
   *
   * @throws ModelNotFoundException for an unknown name
   * @throws ModelUnavailableException when the model was retired
   */
  public ModelSpec modelForNewTask(String id) {
    ModelSpec spec = model(id);
    if (spec.retiredAt(clock.instant())) {
      throw new ModelUnavailableException(id, spec.retiredAt());
    }
    return spec;
  }

  /**
   * Validates, prices and accepts a task. With an idempotency key that the account used for the
   * same request within 24 hours, it creates nothing and returns that request's task.
   *
   * @throws ModelNotFoundException for an unknown model
   * @throws ModelUnavailableException for a retired model
   * @throws InvalidRequestException naming the field that breaks a rule
   * @throws io.reelgate.server.moderation.ContentViolationException when the prompt is refused
   * @throws io.reelgate.server.moderation.ModerationUnavailableException when it cannot be checked
   * @throws io.reelgate.server.billing.InsufficientCreditsException when the balance is too small
   * @throws io.reelgate.server.limits.LimitExceededException over one of the key's limits
   * @throws IdempotencyConflictException when the idempotency key was used for another request
   */
  public TaskRecord submit(SubmitCommand command) {
    ModelSpec spec = modelForNewTask(command.request().model());
    spec.validate(command.request());
    String fingerprint = command.idempotencyKey() == null ? null : fingerprintOf(command);
    if (fingerprint != null) {
      // why: a replay is answered before the limits, so retrying a request never counts twice
      Optional<TaskRecord> earlier = earlier(command, fingerprint);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    // why: before anything is reserved, so a refused prompt costs nothing
    moderation.check(command.caller(), command.dialect(), spec.id(), command.request().prompt());
    if (command.callbackUrl() != null) {
      // why: outside the transaction, so a slow DNS answer never holds a database connection
      checkCallback(command.callbackUrl());
    }
    // why: only a valid request takes a token, so a client fixing its 400s is not throttled
    Limits limits = keyLimits.effective(command.caller().keyId(), spec);
    rateLimiter.consume(command.caller().keyId(), spec.id(), limits.requestsPerMinute());
    long price = spec.priceOf(command.request());
    try {
      return tx.execute(status -> accept(command, price, limits, fingerprint));
    } catch (DataIntegrityViolationException e) {
      // a duplicate idempotency key that slipped past the account lock: answer like a replay
      if (fingerprint != null) {
        Optional<TaskRecord> earlier = earlier(command, fingerprint);
        if (earlier.isPresent()) {
          return earlier.get();
        }
      }
      throw e;
    }
  }

  /**
   * The price of a request, checked exactly like a submission; nothing is created or counted.
   *
   * @throws ModelNotFoundException for an unknown model
   * @throws InvalidRequestException naming the field that breaks a rule
   */
  public long estimate(GenerationRequest request) {
    ModelSpec spec = model(request.model());
    spec.validate(request);
    return spec.priceOf(request);
  }

  /**
   * Cancels an unfinished task of the account: CANCELLED, its credits released, in one transaction.
   * Its pipeline job stops at its next run.
   *
   * @throws TaskNotFoundException when the account has no such task
   * @throws TaskNotCancellableException when it is finished or already storing its video
   */
  public TaskRecord cancel(String accountId, String taskId) {
    for (int attempt = 0; attempt < 5; attempt++) {
      TaskRecord task = find(accountId, taskId);
      if (task.state().isTerminal() || task.state() == TaskState.STORING) {
        throw new TaskNotCancellableException(task.id(), task.state());
      }
      try {
        return lifecycle.cancel(task);
      } catch (ConcurrentTaskUpdateException e) {
        // the pipeline changed it in the meantime: read it again
      }
    }
    throw new ConcurrentTaskUpdateException(taskId);
  }

  /**
   * The task row, its reservation, its idempotency key and its job: all commit together or none
   * does. Submissions of one account queue on the account's row, so the idempotency check and the
   * key's unfinished-task count below see every earlier submission.
   */
  private TaskRecord accept(SubmitCommand command, long price, Limits limits, String fingerprint) {
    wallet.lock(command.caller().accountId());
    if (fingerprint != null) {
      Optional<TaskRecord> earlier = earlier(command, fingerprint);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    concurrency.admit(
        command.caller().keyId(), command.request().model(), limits.concurrentTasks());
    long now = clock.millis();
    TaskRecord task =
        TaskRecord.queued(
            command.taskId(),
            command.caller().accountId(),
            command.caller().keyId(),
            command.dialect(),
            command.request(),
            price,
            command.callbackUrl(),
            now);
    tasks.insert(task);
    wallet.reserve(task.accountId(), task.id(), price);
    if (fingerprint != null) {
      idempotencyKeys.record(task.accountId(), command.idempotencyKey(), fingerprint, task.id());
    }
    Scheduler jobs = scheduler.getObject();
    jobs.scheduleIfNotExists(PipelineJob.instance(task.id(), clock.instant()));
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            jobs.triggerCheckForDueExecutions();
          }
        });
    return task;
  }

  /** A task of the caller's account; another account's task is not found. */
  public TaskRecord find(String accountId, String taskId) {
    if (taskId == null || taskId.isBlank() || taskId.length() > 80) {
      throw new TaskNotFoundException(String.valueOf(taskId));
    }
    return tasks.findOwned(accountId, taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
  }

  /** The task an earlier use of the command's idempotency key created, if still remembered. */
  private Optional<TaskRecord> earlier(SubmitCommand command, String fingerprint) {
    String accountId = command.caller().accountId();
    return idempotencyKeys
        .find(accountId, command.idempotencyKey())
        .map(
            entry -> {
              if (!entry.fingerprint().equals(fingerprint)) {
                throw new IdempotencyConflictException();
              }
              return tasks
                  .findOwned(accountId, entry.taskId())
                  .orElseThrow(
                      () -> new IllegalStateException("task " + entry.taskId() + " is gone"));
            });
  }

  /** What makes two submissions the same request: the dialect, the normalized request, the URL. */
  private String fingerprintOf(SubmitCommand command) {
    return IdempotencyKeys.sha256(
        command.dialect()
            + "\n"
            + requestJson.write(command.request())
            + "\n"
            + (command.callbackUrl() == null ? "" : command.callbackUrl()));
  }

  private void checkCallback(String url) {
    try {
      urlGuard.check(url);
    } catch (ForbiddenAddressException e) {
      throw new InvalidRequestException(RequestField.CALLBACK, e.getMessage());
    }
  }
}
