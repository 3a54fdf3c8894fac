package io.reelgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgate.server.webhook.WebhookDeliveries.Delivery;
import io.reelgate.server.webhook.WebhookDeliveries.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First attempts queued while a transaction runs are recorded together in the next one, and an
 * attempt whose row fails does not undo the others.
 */
class FirstAttemptRecordsTest {

  /** Commits and rollbacks counted; nothing is stored. */
  static final class CountingTransactions extends AbstractPlatformTransactionManager {
    final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger rollbacks = new AtomicInteger();

    @Override
    protected Object doGetTransaction() {
      return new Object();
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {}

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
      commits.incrementAndGet();
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
      rollbacks.incrementAndGet();
    }
  }

  static Delivery delivery(String id) {
    return new Delivery(
        id, "task_" + id, "acct", "http://127.0.0.1:1/hook", "{}", State.PENDING, 0, null, 0, null);
  }

  /**
   * Holds the recording of the attempt of delivery {@code first} until released, so that the
   * attempts handed in meanwhile queue up behind its transaction; the others go to {@code then}.
   */
  static final class FirstHeld {
    final CountDownLatch recording = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    java.util.function.BiFunction<Delivery, WebhookSender.Result, Instant> then(
        java.util.function.Function<Delivery, Instant> record) {
      return (d, r) -> {
        if (d.id().equals("first")) {
          recording.countDown();
          await(release);
        }
        return record.apply(d);
      };
    }

    void awaitRecording() throws InterruptedException {
      assertThat(recording.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  static WebhookSender.Result ok() {
    return new WebhookSender.Result(0, 200, 1, null, null);
  }

  @Test
  void attemptsThatQueueUpMeanwhileShareOneTransaction() throws Exception {
    CountingTransactions transactions = new CountingTransactions();
    FirstHeld held = new FirstHeld();
    Map<String, Instant> jobs = new ConcurrentHashMap<>();
    Instant later = Instant.parse("2026-12-02T00:00:00Z");
    try (FirstAttemptRecords records =
            new FirstAttemptRecords(
                new TransactionTemplate(transactions),
                held.then(d -> d.id().startsWith("retry") ? later : null),
                (id, at) -> jobs.put(id, at == null ? Instant.EPOCH : at));
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Instant> first = threads.submit(() -> records.recorded(delivery("first"), ok()));
      held.awaitRecording();
      List<Future<Instant>> queued = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String id = (i % 2 == 0 ? "retry-" : "done-") + i;
        queued.add(threads.submit(() -> records.recorded(delivery(id), ok())));
      }
      waitForQueued(records, 10);
      held.release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isNull();
      for (int i = 0; i < 10; i++) {
        assertThat(queued.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i % 2 == 0 ? later : null);
      }
      assertThat(jobs)
          .hasSize(11)
          .containsEntry("retry-0", later)
          .containsEntry("done-1", Instant.EPOCH);
    }
    assertThat(transactions.commits.get()).as("one for the first, one for the ten").isEqualTo(2);
  }

  @Test
  void aFailingAttemptIsRecordedAloneAndTheOthersStill() throws Exception {
    CountingTransactions transactions = new CountingTransactions();
    FirstHeld held = new FirstHeld();
    List<String> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
    try (FirstAttemptRecords records =
            new FirstAttemptRecords(
                new TransactionTemplate(transactions),
                held.then(
                    d -> {
                      if (d.id().equals("bad")) {
                        throw new IllegalStateException("this row cannot be written");
                      }
                      recorded.add(d.id());
                      return null;
                    }),
                (id, at) -> {});
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Instant> first = threads.submit(() -> records.recorded(delivery("first"), ok()));
      held.awaitRecording();
      Future<Instant> a = threads.submit(() -> records.recorded(delivery("a"), ok()));
      Future<Instant> bad = threads.submit(() -> records.recorded(delivery("bad"), ok()));
      Future<Instant> b = threads.submit(() -> records.recorded(delivery("b"), ok()));
      waitForQueued(records, 3);
      held.release.countDown();
      first.get(10, TimeUnit.SECONDS);
      assertThat(a.get(10, TimeUnit.SECONDS)).isNull();
      assertThat(b.get(10, TimeUnit.SECONDS)).isNull();
      assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(IllegalStateException.class);
    }
    assertThat(recorded).contains("first", "a", "b").doesNotContain("bad");
    assertThat(transactions.rollbacks.get()).isPositive();
  }

  /** Waits until that many attempts are queued behind the transaction that runs. */
  private static void waitForQueued(FirstAttemptRecords records, int count) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> records.queued() == count);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
