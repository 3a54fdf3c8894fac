package io.reelgate.server.webhook;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import io.reelgate.server.Ids;
import io.reelgate.server.task.TaskFinished;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.webhook.WebhookDeliveries.Delivery;
import io.reelgate.server.webhook.WebhookDeliveries.State;
import io.reelgate.server.webhook.internal.DeliveryRows;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes a task's webhook into the outbox in the transaction that finishes the task, together with
 * the durable job that sends it: both commit with the task's terminal state or neither does.
 */
@Service
public class WebhookOutbox {
  private static final Logger log = LoggerFactory.getLogger(WebhookOutbox.class);

  private final DeliveryRows deliveries;
  private final Map<String, WebhookPayloads> payloads;
  private final ObjectMapper mapper;
  private final ObjectProvider<Scheduler> scheduler;
  private final ObjectProvider<WebhookSender> sender;
  private final Clock clock;

  /** The key of the current transaction's new deliveries. */
  private final Object PENDING = new Object();

  public WebhookOutbox(
      DeliveryRows deliveries,
      List<WebhookPayloads> payloads,
      ObjectMapper mapper,
      ObjectProvider<Scheduler> scheduler,
      ObjectProvider<WebhookSender> sender,
      Clock clock) {
    this.deliveries = deliveries;
    this.payloads =
        payloads.stream().collect(Collectors.toMap(WebhookPayloads::dialect, Function.identity()));
    this.mapper = mapper;
    this.scheduler = scheduler;
    this.sender = sender;
    this.clock = clock;
  }

  /** A task finished: when it has a callback URL, its webhook joins the outbox. */
  @EventListener
  @Transactional(propagation = Propagation.MANDATORY)
  public void onTaskFinished(TaskFinished event) {
    TaskRecord task = event.task();
    if (task.callbackUrl() == null || task.callbackUrl().isBlank()) {
      return;
    }
    WebhookPayloads dialect = payloads.get(task.dialect());
    if (dialect == null) {
      log.warn("task {}: no webhook payload for dialect {}", task.id(), task.dialect());
      return;
    }
    long now = clock.millis();
    Delivery delivery =
        new Delivery(
            Ids.timeOrdered("msg_", now),
            task.id(),
            task.accountId(),
            task.callbackUrl(),
            mapper.writeValueAsString(dialect.payload(task)),
            State.PENDING,
            0,
            now,
            now,
            null);
    pendingInThisTransaction().add(delivery);
  }

  /**
   * The deliveries the current transaction adds. They are written together just before it commits
   * (one batched insert and one batch of jobs for every task the transaction finished), each job
   * due only after {@link WebhookSender#FIRST_SEND_BACKSTOP}: once the transaction committed, the
   * first attempt is made at once in this process, and the job is the backstop that makes it (or
   * the next one) if this process dies first.
   */
  @SuppressWarnings("unchecked")
  private List<Delivery> pendingInThisTransaction() {
    List<Delivery> pending =
        (List<Delivery>) TransactionSynchronizationManager.getResource(PENDING);
    if (pending != null) {
      return pending;
    }
    List<Delivery> created = new ArrayList<>();
    TransactionSynchronizationManager.bindResource(PENDING, created);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void beforeCommit(boolean readOnly) {
            if (created.isEmpty()) {
              return;
            }
            deliveries.insertAll(created);
            Instant backstop = clock.instant().plus(WebhookSender.FIRST_SEND_BACKSTOP);
            scheduler
                .getObject()
                .scheduleBatch(
                    created.stream()
                        .<SchedulableInstance<?>>map(d -> WebhookJob.instance(d.id(), backstop))
                        .toList());
          }

          @Override
          public void afterCommit() {
            created.forEach(sender.getObject()::sendSoon);
          }

          @Override
          public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
          }
        });
    return created;
  }

  /** The outcome of a re-send request. */
  public enum Redelivery {
    SCHEDULED,
    /** An attempt is running right now; its outcome decides what follows. */
    IN_PROGRESS
  }

  /** Schedules a new attempt of a delivery now, under the same message id. */
  @Transactional
  public Redelivery redeliver(String deliveryId) {
    Instant now = clock.instant();
    Scheduler jobs = scheduler.getObject();
    try {
      if (!jobs.scheduleIfNotExists(WebhookJob.instance(deliveryId, now))) {
        jobs.reschedule(WebhookJob.instance(deliveryId, now));
      }
    } catch (TaskInstanceCurrentlyExecutingException e) {
      return Redelivery.IN_PROGRESS;
    }
    deliveries.markPending(deliveryId, now.toEpochMilli());
    triggerAfterCommit(jobs);
    return Redelivery.SCHEDULED;
  }

  // why: the scheduler looks for due jobs when one is scheduled, which is before this transaction
  // commits; looking again after the commit sends without waiting for the next poll
  private static void triggerAfterCommit(Scheduler jobs) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            jobs.triggerCheckForDueExecutions();
          }
        });
  }
}
