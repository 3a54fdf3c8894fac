package io.reelgate.server.task;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.RequestField;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.catalog.ModelAliases;
import io.reelgate.server.fetch.ForbiddenAddressException;
import io.reelgate.server.fetch.UrlGuard;
import io.reelgate.server.jobs.PipelineJob;
import java.net.URI;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts tasks. In one transaction: the task row, its credit reservation and its pipeline job;
 * either all three exist or none does.
 */
@Service
public class TaskService {
  private final ModelCatalog catalog;
  private final ModelAliases aliases;
  private final TaskRepository tasks;
  private final Wallet wallet;
  private final UrlGuard urlGuard;
  private final ObjectProvider<Scheduler> scheduler;
  private final TransactionTemplate tx;
  private final Clock clock;

  public TaskService(
      ModelCatalog catalog,
      ModelAliases aliases,
      TaskRepository tasks,
      Wallet wallet,
      UrlGuard urlGuard,
      ObjectProvider<Scheduler> scheduler,
      TransactionTemplate tx,
      Clock clock) {
    this.catalog = catalog;
    this.aliases = aliases;
    this.tasks = tasks;
    this.wallet = wallet;
    this.urlGuard = urlGuard;
    this.scheduler = scheduler;
    this.tx = tx;
    this.clock = clock;
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
   * Validates, prices and accepts a task.
   *
   * @throws ModelNotFoundException for an unknown model
   * @throws ModelUnavailableException for a retired model
   * @throws InvalidRequestException naming the field that breaks a rule
   * @throws io.reelgate.server.billing.InsufficientCreditsException when the balance is too small
   */
  public TaskRecord submit(SubmitCommand command) {
    ModelSpec spec = modelForNewTask(command.request().model());
    spec.validate(command.request());
    if (command.callbackUrl() != null) {
      // why: outside the transaction, so a slow DNS answer never holds a database connection
      checkCallback(command.callbackUrl());
    }
    long price = spec.priceOf(command.request());
    return tx.execute(status -> accept(command, price));
  }

  /** The task row, its reservation and its job: all three commit together or none does. */
  private TaskRecord accept(SubmitCommand command, long price) {
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

  private void checkCallback(String url) {
    try {
      URI uri = urlGuard.checkForm(url);
      urlGuard.check(uri);
    } catch (ForbiddenAddressException e) {
      throw new InvalidRequestException(RequestField.CALLBACK, e.getMessage());
    }
  }
}
