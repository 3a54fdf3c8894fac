package io.reelgate.server.webhook;

import io.reelgate.server.db.Batcher;
import io.reelgate.server.webhook.WebhookDeliveries.Delivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the first attempts of webhook deliveries, many in one transaction: each attempt's row,
 * its delivery's new state, and its durable job removed (acknowledged, gone, or out of tries) or
 * moved to the next attempt's time. A burst of tasks finishing sends a burst of webhooks, and one
 * commit for whatever queued up meanwhile costs far less than one per webhook; under light load a
 * batch holds one attempt and adds no wait. When a batch fails as a whole, each of its attempts is
 * recorded again in a transaction of its own, so one bad row cannot undo the others.
 */
final class FirstAttemptRecords implements AutoCloseable {
  static final int MAX_BATCH = 64;

  private final TransactionTemplate tx;
  private final BiConsumer<String, Instant> settleJob;
  private final BiFunction<Delivery, WebhookSender.Result, Instant> record;
  private final Batcher<Attempt> batcher;

  /**
   * @param record records one attempt and the delivery's new state; returns when to try again, or
   *     null when the delivery is settled
   * @param settleJob removes the durable job of a delivery (given null) or moves it to the time
   *     given, in the transaction that records the attempt
   */
  FirstAttemptRecords(
      TransactionTemplate tx,
      BiFunction<Delivery, WebhookSender.Result, Instant> record,
      BiConsumer<String, Instant> settleJob) {
    this.tx = tx;
    this.settleJob = settleJob;
    this.record = record;
    this.batcher = new Batcher<>("webhook-first-attempts", MAX_BATCH, this::recordBatch);
  }

  /** Records an attempt with its job's fate, and returns when to try again (null: settled). */
  Instant recorded(Delivery delivery, WebhookSender.Result result) {
    Attempt attempt = new Attempt(delivery, result);
    batcher.submit(attempt);
    return attempt.await();
  }

  /** Attempts waiting for the transaction that runs to end. */
  int queued() {
    return batcher.queued();
  }

  private static final class Attempt extends Batcher.Item<Instant> {
    final Delivery delivery;
    final WebhookSender.Result result;

    Attempt(Delivery delivery, WebhookSender.Result result) {
      this.delivery = delivery;
      this.result = result;
    }
  }

  private void recordBatch(List<Attempt> batch) {
    List<Instant> next;
    try {
      next =
          tx.execute(
              s -> {
                List<Instant> at = new ArrayList<>(batch.size());
                batch.forEach(a -> at.add(settle(a)));
                return at;
              });
    } catch (RuntimeException whole) {
      if (batch.size() == 1) {
        batch.getFirst().fail(whole);
        return;
      }
      // why: the transaction rolled back as a whole; each attempt again, on its own
      for (Attempt a : batch) {
        try {
          a.succeed(tx.execute(s -> settle(a)));
        } catch (RuntimeException e) {
          a.fail(e);
        }
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).succeed(next.get(i));
    }
  }

  private Instant settle(Attempt a) {
    Instant at = record.apply(a.delivery, a.result);
    settleJob.accept(a.delivery.id(), at);
    return at;
  }

  @Override
  public void close() {
    batcher.close();
  }
}
