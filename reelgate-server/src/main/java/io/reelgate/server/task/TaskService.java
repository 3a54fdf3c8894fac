package io.reelgate.server.task;

import io.reelgate.core.catalog.Limits;
import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.catalog.ModelAliases;
import io.reelgate.server.fetch.UrlGuard;
import io.reelgate.server.limits.KeyLimits;
import io.reelgate.server.limits.SubmissionRateLimiter;
import io.reelgate.server.moderation.Moderation;
import io.reelgate.server.routing.ChannelChecks;
import io.reelgate.server.task.internal.IdempotencyKeys;
import io.reelgate.server.task.internal.TaskRepository;
import io.reelgate.server.task.internal.TaskTransactions;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * What clients do with tasks: submit, estimate, cancel and read their own. A submission is checked
 * against the model's rules, moderated and counted against the key's per-minute limit outside any
 * transaction; then {@link TaskTransactions#admit} writes the task row, its credit reservation, its
 * key's count, its idempotency key and its job in one transaction: either all exist or none does.
 */
@Service
public class TaskService {
  private final ModelCatalog catalog;
  private final ModelAliases aliases;
  private final TaskRepository tasks;
  private final TaskTransactions transactions;
  private final Moderation moderation;
  private final Clock clock;
  private final TaskLifecycle lifecycle;
  private final KeyLimits keyLimits;
  private final SubmissionRateLimiter rateLimiter;
  private final IdempotencyKeys idempotencyKeys;
  private final RequestJson requestJson;
  private final ChannelChecks channelChecks;
  private final SubmitUrlChecks urlChecks;

  public TaskService(
      ModelCatalog catalog,
      ModelAliases aliases,
      TaskRepository tasks,
      TaskTransactions transactions,
      UrlGuard urlGuard,
      Moderation moderation,
      Clock clock,
      TaskLifecycle lifecycle,
      KeyLimits keyLimits,
      SubmissionRateLimiter rateLimiter,
      IdempotencyKeys idempotencyKeys,
      RequestJson requestJson,
      ChannelChecks channelChecks) {
    this.catalog = catalog;
    this.aliases = aliases;
    this.tasks = tasks;
    this.transactions = transactions;
    this.moderation = moderation;
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.keyLimits = keyLimits;
    this.rateLimiter = rateLimiter;
    this.idempotencyKeys = idempotencyKeys;
    this.requestJson = requestJson;
    this.channelChecks = channelChecks;
    this.urlChecks = new SubmitUrlChecks(urlGuard);
  }

  /**
   * The spec of a public model or alias, retired or not (statuses of old tasks keep working).
   *
   * @throws ModelNotFoundException for an unknown name
   */
  public ModelSpec model(String id) {
    return catalog.find(aliases.resolve(id)).orElseThrow(() -> new ModelNotFoundException(id));
  }

  /** Whether a public model or alias of that name exists (retired or not). */
  public boolean knowsModel(String id) {
    return catalog.find(aliases.resolve(id)).isPresent();
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
   * @throws io.reelgate.server.routing.ParametersRefusedException when every channel that could
   *     serve the request refuses its parameters (nothing is written)
   * @throws io.reelgate.server.moderation.ContentViolationException when the prompt is refused
   * @throws io.reelgate.server.moderation.ModerationUnavailableException when it cannot be checked
   * @throws io.reelgate.server.billing.InsufficientCreditsException when the balance is too small
   * @throws io.reelgate.server.limits.LimitExceededException over one of the key's limits
   * @throws IdempotencyConflictException when the idempotency key was used for another request
   */
  private io.reelgate.server.tracing.TaskTraces traces;

  /** The task's trace is continued when tracing is on (ADR 0014). */
  @org.springframework.beans.factory.annotation.Autowired(required = false)
  void traces(io.reelgate.server.tracing.TaskTraces traces) {
    this.traces = traces;
  }

  public TaskRecord submit(SubmitCommand command) {
    if (traces == null) {
      return submitUntraced(command);
    }
    // why: before the admission commits, since the task's first step may start right after it
    traces.remember(command.taskId());
    try {
      TaskRecord task = submitUntraced(command);
      if (!task.id().equals(command.taskId())) {
        traces.forget(command.taskId()); // a replay answered with the earlier task
      }
      return task;
    } catch (RuntimeException e) {
      traces.forget(command.taskId());
      throw e;
    }
  }

  private TaskRecord submitUntraced(SubmitCommand command) {
    ModelSpec spec = modelForNewTask(command.request().model());
    spec.validate(command.request());
    urlChecks.images(command.request().imageUrls());
    String fingerprint = command.idempotencyKey() == null ? null : fingerprintOf(command);
    if (fingerprint != null) {
      // why: a replay is answered before the limits, so retrying a request never counts twice
      Optional<TaskRecord> earlier = earlier(command, fingerprint);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    // why: a request no channel can render as asked is a 400 now, not a failed task later; a
    // replay above is answered with its task even if the channels changed since
    channelChecks.requireAccepted(spec, command.request());
    // why: before anything is reserved, so a refused prompt costs nothing
    moderation.check(command.caller(), command.dialect(), spec.id(), command.request().prompt());
    if (command.callbackUrl() != null) {
      // why: outside the transaction, so a slow DNS answer never holds a database connection
      urlChecks.callback(command.callbackUrl());
    }
    // why: only a valid request takes a token, so a client fixing its 400s is not throttled
    Limits limits = keyLimits.effective(command.caller().keyId(), spec);
    rateLimiter.consume(command.caller().keyId(), spec.id(), limits.requestsPerMinute());
    long price = spec.priceOf(command.request());
    TaskRecord task =
        TaskRecord.queued(
            command.taskId(),
            command.caller().accountId(),
            command.caller().keyId(),
            command.dialect(),
            command.request(),
            price,
            command.callbackUrl(),
            clock.millis());
    try {
      return transactions.admit(command, task, limits, fingerprint);
    } catch (DataIntegrityViolationException e) {
      // why: a concurrent submission with the same idempotency key committed first: the unique
      // key refused this one, which is then answered like a replay of that one
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
   * @throws io.reelgate.server.routing.ParametersRefusedException when no channel takes it
   */
  public long estimate(GenerationRequest request) {
    ModelSpec spec = model(request.model());
    spec.validate(request);
    channelChecks.requireAccepted(spec, request);
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
   * Deletes a task of the account: from then on no read finds it and no list shows it (its row
   * stays for the ledger). An unfinished task is cancelled first, which releases its credits; the
   * caller removes its stored files.
   *
   * @return the task as it was when deleted (terminal)
   * @throws TaskNotFoundException when the account has no such task
   * @throws TaskNotCancellableException when it is storing its video: it can be deleted once done
   */
  public TaskRecord delete(String accountId, String taskId) {
    TaskRecord task = find(accountId, taskId);
    if (!task.state().isTerminal()) {
      try {
        task = cancel(accountId, taskId);
      } catch (TaskNotCancellableException e) {
        // why: it may have finished in the meantime, which is fine; storing is not
        task = find(accountId, taskId);
        if (!task.state().isTerminal()) {
          throw e;
        }
      }
    }
    if (!tasks.markDeleted(task.id(), clock.millis())) {
      throw new TaskNotFoundException(taskId);
    }
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
}
