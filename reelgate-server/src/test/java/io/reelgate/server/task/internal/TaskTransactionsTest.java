package io.reelgate.server.task.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reelgate.core.FailureCode;
import io.reelgate.core.catalog.Limits;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.access.Caller;
import io.reelgate.server.billing.InsufficientCreditsException;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.limits.ConcurrencyGuard;
import io.reelgate.server.limits.LimitExceededException;
import io.reelgate.server.support.MemoryDatabase;
import io.reelgate.server.support.SettableClock;
import io.reelgate.server.task.ConcurrentTaskUpdateException;
import io.reelgate.server.task.IdempotencyConflictException;
import io.reelgate.server.task.RequestJson;
import io.reelgate.server.task.SubmitCommand;
import io.reelgate.server.task.TaskFinished;
import io.reelgate.server.task.TaskJobs;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.internal.AdmissionWrites.Admission;
import io.reelgate.server.task.internal.FinishWrites.Finishing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batches of submissions and finishes in one transaction each: every item gets its own outcome, and
 * the account, the key's counter, the ledger and the rows end exactly as if the items had been
 * written one by one.
 */
class TaskTransactionsTest {
  final MemoryDatabase db = new MemoryDatabase();
  final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T10:00:00Z"));
  final List<String> scheduled = new CopyOnWriteArrayList<>();
  final List<String> stopped = new CopyOnWriteArrayList<>();
  final List<Object> events = new CopyOnWriteArrayList<>();
  final Wallet wallet = new Wallet(db.template, clock);
  final TaskRepository rows =
      new TaskRepository(db.template, new RequestJson(JsonMapper.builder().build()), clock);
  final ConcurrencyGuard concurrency = new ConcurrencyGuard(db.template);
  final TaskTransactions transactions =
      new TaskTransactions(
          rows,
          wallet,
          concurrency,
          new IdempotencyKeys(db.template, clock),
          new TaskJobs() {
            @Override
            public void scheduleNew(List<String> taskIds) {
              scheduled.addAll(taskIds);
            }

            @Override
            public void runAt(String taskId, Instant at) {}

            @Override
            public void stop(String taskId) {
              stopped.add(taskId);
            }
          },
          events::add,
          db.tx);
  final Caller caller;

  TaskTransactionsTest() {
    caller =
        db.tx.execute(
            s -> {
              String account = wallet.createAccount("batch", 160);
              return new Caller(account, new ApiKeys(db.jdbc, clock).register(account, "rg_b"));
            });
  }

  @AfterEach
  void close() {
    transactions.destroy();
    db.drop();
  }

  Admission admission(String id, String prompt, String idempotencyKey, int maxUnfinished) {
    GenerationRequest r =
        new GenerationRequest(
            "sora-2",
            GenerationKind.TEXT_TO_VIDEO,
            prompt,
            4,
            OutputSize.of(1280, 720),
            List.of(),
            null,
            Routing.OFFICIAL,
            null,
            Map.of());
    TaskRecord task =
        TaskRecord.queued(
            id, caller.accountId(), caller.keyId(), "apixo", r, 40, null, clock.millis());
    concurrency.prepare(caller.keyId(), "sora-2");
    return new Admission(
        new SubmitCommand(caller, "apixo", id, r, null, idempotencyKey),
        task,
        new Limits(1000, maxUnfinished),
        idempotencyKey == null ? null : "fp-" + prompt);
  }

  static RuntimeException failureOf(Admission a) {
    return (RuntimeException) catchThrowable(a::await);
  }

  @Test
  void oneBatchDecidesEveryItemOnItsOwn() {
    Admission a = admission("task_a", "one", "k1", 3);
    Admission replay = admission("task_b", "one", "k1", 3);
    Admission conflict = admission("task_c", "two", "k1", 3);
    Admission b = admission("task_d", "three", null, 3);
    Admission c = admission("task_e", "four", null, 3);
    Admission overLimit = admission("task_f", "five", null, 3);
    transactions.admitBatch(List.of(a, replay, conflict, b, c, overLimit));

    assertThat(a.await().id()).isEqualTo("task_a");
    assertThat(replay.await().id()).as("same key, same request").isEqualTo("task_a");
    assertThat(failureOf(conflict)).isInstanceOf(IdempotencyConflictException.class);
    assertThat(b.await().id()).isEqualTo("task_d");
    assertThat(c.await().id()).isEqualTo("task_e");
    assertThat(failureOf(overLimit)).isInstanceOf(LimitExceededException.class);

    assertThat(wallet.balanceOf(caller.accountId())).isEqualTo(new Wallet.Balance(40, 120, 0));
    assertThat(scheduled).containsExactly("task_a", "task_d", "task_e");
    assertThat(rows.find("task_b")).isEmpty();
    assertThat(count("SELECT unfinished FROM key_model_usage")).isEqualTo(3);
    assertThat(count("SELECT COUNT(*) FROM ledger WHERE kind = 'RESERVE'")).isEqualTo(3);
    assertThat(count("SELECT COUNT(*) FROM idempotency_keys")).isOne();

    Admission fits = admission("task_g", "six", null, 100);
    Admission poor = admission("task_h", "seven", null, 100);
    transactions.admitBatch(List.of(fits, poor));
    assertThat(fits.await().id()).isEqualTo("task_g");
    assertThat(failureOf(poor)).isInstanceOf(InsufficientCreditsException.class);
    assertThat(rows.find("task_h")).isEmpty();
    assertThat(wallet.balanceOf(caller.accountId())).isEqualTo(new Wallet.Balance(0, 160, 0));
  }

  @Test
  void oneBatchOfFinishesSettlesEachTaskOnceAndLosesOnlyStaleChanges() {
    Admission a = admission("task_a", "one", null, 10);
    Admission b = admission("task_b", "two", null, 10);
    Admission c = admission("task_c", "three", null, 10);
    transactions.admitBatch(List.of(a, b, c));
    TaskRecord running = transactions.change(a.await().change().state(TaskState.RUNNING));
    TaskRecord storing = transactions.change(running.change().state(TaskState.STORING));
    Finishing success =
        new Finishing(storing.change().state(TaskState.SUCCEEDED).result("task_a/video.mp4", null));
    Finishing cancel =
        new Finishing(
            b.await().change().state(TaskState.CANCELLED).failure(FailureCode.CANCELLED, "x"));
    Finishing failB =
        new Finishing(
            b.await().change().state(TaskState.FAILED).failure(FailureCode.UPSTREAM_ERROR, "y"));
    Finishing failC =
        new Finishing(
            c.await().change().state(TaskState.FAILED).failure(FailureCode.UPSTREAM_ERROR, "z"));
    transactions.finishBatch(List.of(success, cancel, failB, failC));

    assertThat(success.await().state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(cancel.await().state()).isEqualTo(TaskState.CANCELLED);
    assertThat(catchThrowable(failB::await))
        .as("the second change of task_b was made from a version that moved on")
        .isInstanceOf(ConcurrentTaskUpdateException.class);
    assertThat(failC.await().state()).isEqualTo(TaskState.FAILED);

    assertThat(wallet.balanceOf(caller.accountId())).isEqualTo(new Wallet.Balance(120, 0, 40));
    assertThat(count("SELECT COUNT(*) FROM ledger WHERE kind = 'CAPTURE'")).isOne();
    assertThat(count("SELECT COUNT(*) FROM ledger WHERE kind = 'RELEASE'")).isEqualTo(2);
    assertThat(count("SELECT unfinished FROM key_model_usage")).isZero();
    assertThat(stopped).containsExactlyInAnyOrder("task_a", "task_b", "task_c");
    assertThat(events.stream().filter(e -> e instanceof TaskFinished).count()).isEqualTo(3);
  }

  @Test
  void concurrentSubmissionsFromManyThreadsAdmitExactlyWhatTheCreditsAllow() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Object>> outcomes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        outcomes.add(
            pool.submit(
                () -> {
                  Admission a = admission("task_" + n, "p" + n, null, 1000);
                  try {
                    return transactions.admit(a.command, a.task, a.limits, null);
                  } catch (InsufficientCreditsException e) {
                    return e;
                  }
                }));
      }
      long admitted = 0;
      for (Future<Object> f : outcomes) {
        if (f.get() instanceof TaskRecord) {
          admitted++;
        }
      }
      assertThat(admitted).isEqualTo(4);
      assertThat(wallet.balanceOf(caller.accountId())).isEqualTo(new Wallet.Balance(0, 160, 0));
      assertThat(count("SELECT COUNT(*) FROM tasks")).isEqualTo(4);
    } finally {
      pool.shutdownNow();
    }
  }

  long count(String sql) {
    return db.jdbc.sql(sql).query(Long.class).single();
  }
}
