package io.reelgate.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.reelgate.core.FailureCode;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.core.task.IllegalTransitionException;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.Ids;
import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.access.Caller;
import io.reelgate.server.billing.InsufficientCreditsException;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.task.ConcurrentTaskUpdateException;
import io.reelgate.server.task.SubmitCommand;
import io.reelgate.server.task.TaskLifecycle;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskService;
import io.reelgate.server.task.internal.TaskRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the persistence layer must do on every supported database: version-checked task updates, the
 * transition table, the wallet's guarded reservations and settlements, and the durable pipeline
 * job. Each database runs this same contract.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class PersistenceContract {
  @Autowired TaskService tasks;
  @Autowired TaskRepository repository;
  @Autowired TaskLifecycle lifecycle;
  @Autowired Wallet wallet;
  @Autowired ApiKeys apiKeys;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  Caller newCaller(long credits) {
    return tx.execute(
        s -> {
          String account = wallet.createAccount("contract", credits);
          String keyId = apiKeys.register(account, ApiKeys.generate());
          return new Caller(account, keyId);
        });
  }

  static GenerationRequest request(String prompt) {
    return new GenerationRequest(
        "sora-2",
        GenerationKind.TEXT_TO_VIDEO,
        prompt,
        4,
        OutputSize.of(1280, 720),
        List.of(),
        null,
        Routing.OFFICIAL,
        7L,
        Map.of("remove_watermark", "true"));
  }

  TaskRecord submit(Caller caller, String prompt) {
    return tasks.submit(
        new SubmitCommand(
            caller,
            "apixo",
            Ids.timeOrdered("task_", System.currentTimeMillis()),
            request(prompt),
            null));
  }

  @Test
  void aTaskRoundTripsThroughItsRow() {
    Caller caller = newCaller(1000);
    TaskRecord task = submit(caller, "round trip ✓ ünïcode");
    TaskRecord read = repository.findOwned(caller.accountId(), task.id()).orElseThrow();
    assertThat(read.request()).isEqualTo(task.request());
    assertThat(read.price()).isEqualTo(40);
    assertThat(repository.findOwned("acct_someone_else", task.id())).isEmpty();
  }

  @Test
  void aStaleVersionLosesAndIllegalMovesAreRefused() {
    Caller caller = newCaller(1000);
    TaskRecord task = unscheduled(caller);
    TaskRecord failed = lifecycle.fail(task, FailureCode.UPSTREAM_ERROR, "test");
    assertThat(failed.version()).isEqualTo(task.version() + 1);
    assertThatThrownBy(() -> lifecycle.fail(task, FailureCode.UPSTREAM_ERROR, "again"))
        .isInstanceOf(ConcurrentTaskUpdateException.class);
    assertThatThrownBy(() -> repository.update(failed.change().state(TaskState.RUNNING)))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(wallet.balanceOf(caller.accountId())).isEqualTo(new Wallet.Balance(1000, 0, 0));
  }

  @Test
  void creditsAreReservedCapturedOrReleasedExactlyOnce() {
    Caller caller = newCaller(100);
    assertThatThrownBy(
            () ->
                tx.executeWithoutResult(
                    s -> wallet.reserve(caller.accountId(), "task_reserve_too_much", 101)))
        .isInstanceOf(InsufficientCreditsException.class);
    tx.executeWithoutResult(s -> wallet.reserve(caller.accountId(), "task_a", 30));
    tx.executeWithoutResult(s -> wallet.reserve(caller.accountId(), "task_b", 50));
    assertThat(wallet.balanceOf(caller.accountId())).isEqualTo(new Wallet.Balance(20, 80, 0));
    assertThat(settle("capture", "task_a")).isTrue();
    assertThat(settle("capture", "task_a")).isFalse();
    assertThat(settle("release", "task_a")).isFalse();
    assertThat(settle("release", "task_b")).isTrue();
    assertThat(settle("capture", "task_b")).isFalse();
    assertThat(wallet.balanceOf(caller.accountId())).isEqualTo(new Wallet.Balance(70, 0, 30));
    long ledgerSum =
        jdbc.sql("SELECT SUM(amount) FROM ledger WHERE account_id = ?")
            .param(caller.accountId())
            .query(Long.class)
            .single();
    assertThat(ledgerSum).isEqualTo(70);
    assertThatThrownBy(
            () -> tx.executeWithoutResult(s -> wallet.reserve(caller.accountId(), "task_a", 1)))
        .as("a second reservation for the same task")
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
  }

  @Test
  void theDurablePipelineFinishesATask() throws InterruptedException {
    Caller caller = newCaller(1000);
    TaskRecord task = submit(caller, "pipeline on this database");
    TaskRecord current =
        await("the task to end")
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> repository.find(task.id()).orElseThrow(), t -> t.state().isTerminal());
    assertThat(current.state()).as("%s", current).isEqualTo(TaskState.SUCCEEDED);
    assertThat(current.resultKey()).isEqualTo(task.id() + "/video.mp4");
    assertThat(wallet.balanceOf(caller.accountId())).isEqualTo(new Wallet.Balance(960, 0, 40));
  }

  private boolean settle(String how, String taskId) {
    Boolean done =
        tx.execute(s -> how.equals("capture") ? wallet.capture(taskId) : wallet.release(taskId));
    return Boolean.TRUE.equals(done);
  }

  /** A task with its reservation but no pipeline job, so a test can drive it by hand. */
  private TaskRecord unscheduled(Caller caller) {
    long now = System.currentTimeMillis();
    TaskRecord task =
        TaskRecord.queued(
            Ids.timeOrdered("task_", now),
            caller.accountId(),
            caller.keyId(),
            "apixo",
            request("by hand"),
            40,
            null,
            now);
    tx.executeWithoutResult(
        s -> {
          repository.insert(task);
          wallet.reserve(caller.accountId(), task.id(), task.price());
        });
    return task;
  }
}
