package io.reelgate.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.core.task.TaskState;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.local.LocalProvider;
import io.reelgate.render.LocalRenderer;
import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.access.Caller;
import io.reelgate.server.billing.InsufficientCreditsException;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.catalog.ModelAliases;
import io.reelgate.server.catalog.TestCatalog;
import io.reelgate.server.config.PollingSettings;
import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.db.Database;
import io.reelgate.server.fetch.HostResolver;
import io.reelgate.server.fetch.UrlGuard;
import io.reelgate.server.limits.ConcurrencyGuard;
import io.reelgate.server.limits.KeyLimits;
import io.reelgate.server.limits.LimitExceededException;
import io.reelgate.server.limits.SubmissionRateLimiter;
import io.reelgate.server.moderation.Moderation;
import io.reelgate.server.moderation.ModerationSettings;
import io.reelgate.server.routing.ChannelChecks;
import io.reelgate.server.routing.ChannelProperties;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.support.MemoryDatabase;
import io.reelgate.server.support.SettableClock;
import io.reelgate.server.task.internal.IdempotencyKeys;
import io.reelgate.server.task.internal.TaskRepository;
import io.reelgate.server.task.internal.TaskTransactions;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepting and cancelling tasks over an in-memory database: all of a submission is written or none
 * of it, a replay answers the first task, and limits count exactly.
 */
class TaskServiceTest {
  final MemoryDatabase db = new MemoryDatabase();
  final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T10:00:00Z"));
  final List<String> scheduled = new ArrayList<>();
  final Wallet wallet = new Wallet(db.template, clock);
  final TaskRepository rows =
      new TaskRepository(db.template, new RequestJson(JsonMapper.builder().build()), clock);
  final TaskService service;
  final TaskLifecycle lifecycle;
  final Caller caller;
  final KeyLimits keyLimits = new KeyLimits(db.jdbc, clock);

  TaskServiceTest() {
    TaskJobs jobs =
        new TaskJobs() {
          @Override
          public void scheduleNew(List<String> taskIds) {
            scheduled.addAll(taskIds);
          }

          @Override
          public void runAt(String taskId, Instant at) {}

          @Override
          public void stop(String taskId) {}
        };
    IdempotencyKeys idempotency = new IdempotencyKeys(db.template, clock);
    TaskTransactions transactions =
        new TaskTransactions(
            rows, wallet, new ConcurrencyGuard(db.template), idempotency, jobs, e -> {}, db.tx);
    ReelgateSettings settings = TestCatalog.settings(Map.of());
    lifecycle = new TaskLifecycle(transactions, clock);
    service =
        new TaskService(
            TestCatalog.catalog(),
            new ModelAliases(Map.of(), TestCatalog.catalog()),
            rows,
            transactions,
            new UrlGuard(settings, HostResolver.SYSTEM),
            new Moderation(
                new ModerationSettings(
                    false,
                    List.of(),
                    List.of(),
                    new ModerationSettings.OpenAi(
                        "", "", "m", java.time.Duration.ofSeconds(1), false)),
                db.jdbc,
                clock),
            clock,
            lifecycle,
            keyLimits,
            new SubmissionRateLimiter(db.dataSource, new Database.Embedded("H2")),
            idempotency,
            new RequestJson(JsonMapper.builder().build()),
            new ChannelChecks(
                new ChannelRouter(
                    new LocalProvider(new LocalRenderer(1)),
                    settings,
                    new PollingSettings(
                        Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(5), 8, 8),
                    new ChannelProperties(List.of()),
                    TestCatalog.catalog(),
                    new ProviderRuntime(HttpClient.newHttpClient(), clock),
                    Map.of())));
    caller =
        db.tx.execute(
            s -> {
              String account = wallet.createAccount("svc", 100);
              return new Caller(account, new ApiKeys(db.jdbc, clock).register(account, "rg_svc"));
            });
  }

  @AfterEach
  void drop() {
    db.drop();
  }

  static GenerationRequest sora2(String prompt) {
    return new GenerationRequest(
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
  }

  SubmitCommand command(String id, String prompt, String idempotencyKey) {
    return new SubmitCommand(caller, "apixo", id, sora2(prompt), null, idempotencyKey);
  }

  long count(String sql) {
    return db.jdbc.sql(sql).query(Long.class).single();
  }

  @Test
  void aSubmissionWritesItsTaskReservationCounterAndJobTogether() {
    TaskRecord task = service.submit(command("task_a", "one", null));
    assertThat(task.state()).isEqualTo(TaskState.QUEUED);
    assertThat(task.price()).isEqualTo(40);
    assertThat(rows.find("task_a")).isPresent();
    assertThat(wallet.balanceOf(caller.accountId())).isEqualTo(new Wallet.Balance(60, 40, 0));
    assertThat(scheduled).containsExactly("task_a");
    assertThat(count("SELECT unfinished FROM key_model_usage")).isOne();
  }

  @Test
  void aSubmissionThatCannotBePaidLeavesNothing() {
    service.submit(command("task_a", "one", null));
    service.submit(command("task_b", "two", null));
    assertThatThrownBy(() -> service.submit(command("task_c", "three", null)))
        .isInstanceOf(InsufficientCreditsException.class);
    assertThat(rows.find("task_c")).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM ledger WHERE task_id = 'task_c'")).isZero();
    assertThat(count("SELECT unfinished FROM key_model_usage")).isEqualTo(2);
    assertThat(scheduled).containsExactly("task_a", "task_b");
  }

  @Test
  void anInvalidRequestIsRefusedNamingItsField() {
    GenerationRequest bad =
        new GenerationRequest(
            "sora-2",
            GenerationKind.TEXT_TO_VIDEO,
            "p",
            5,
            OutputSize.of(1280, 720),
            List.of(),
            null,
            Routing.OFFICIAL,
            null,
            Map.of());
    assertThatThrownBy(
            () -> service.submit(new SubmitCommand(caller, "apixo", "task_x", bad, null)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("4, 8, 12");
    assertThat(rows.find("task_x")).isEmpty();
  }

  @Test
  void theSameIdempotencyKeyAnswersTheFirstTaskAndAnotherBodyConflicts() {
    TaskRecord first = service.submit(command("task_a", "same", "idem-1"));
    TaskRecord again = service.submit(command("task_b", "same", "idem-1"));
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(rows.find("task_b")).isEmpty();
    assertThatThrownBy(() -> service.submit(command("task_c", "different", "idem-1")))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(wallet.balanceOf(caller.accountId()).reserved()).isEqualTo(40);
  }

  @Test
  void theUnfinishedTaskLimitCountsExactlyAndAFinishedTaskFreesItsPlace() {
    keyLimits.override(caller.keyId(), "sora-2", new io.reelgate.core.catalog.Limits(100, 1));
    TaskRecord first = service.submit(command("task_a", "one", null));
    assertThatThrownBy(() -> service.submit(command("task_b", "two", null)))
        .isInstanceOf(LimitExceededException.class);
    assertThat(wallet.balanceOf(caller.accountId()).reserved()).isEqualTo(40);
    service.cancel(caller.accountId(), first.id());
    assertThat(service.submit(command("task_c", "three", null)).id()).isEqualTo("task_c");
  }

  @Test
  void cancellingReleasesTheCreditsAndAFinishedTaskCannotBeCancelled() {
    TaskRecord task = service.submit(command("task_a", "one", null));
    TaskRecord cancelled = service.cancel(caller.accountId(), task.id());
    assertThat(cancelled.state()).isEqualTo(TaskState.CANCELLED);
    assertThat(wallet.balanceOf(caller.accountId())).isEqualTo(new Wallet.Balance(100, 0, 0));
    assertThatThrownBy(() -> service.cancel(caller.accountId(), task.id()))
        .isInstanceOf(TaskNotCancellableException.class);
    assertThatThrownBy(() -> service.cancel("acct_other", task.id()))
        .isInstanceOf(TaskNotFoundException.class);
  }
}
