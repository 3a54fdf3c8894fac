package io.reelgate.server.engine.internal;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.local.LocalProvider;
import io.reelgate.render.LocalRenderer;
import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.access.Caller;
import io.reelgate.server.billing.Wallet;
import io.reelgate.server.catalog.TestCatalog;
import io.reelgate.server.config.PollingSettings;
import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.fetch.GuardedHttp;
import io.reelgate.server.fetch.HostResolver;
import io.reelgate.server.fetch.ImageFetcher;
import io.reelgate.server.fetch.UrlGuard;
import io.reelgate.server.limits.ConcurrencyGuard;
import io.reelgate.server.routing.ChannelChecks;
import io.reelgate.server.routing.ChannelProperties;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.routing.UpstreamCalls;
import io.reelgate.server.storage.ResultFiles;
import io.reelgate.server.storage.internal.LocalResultFiles;
import io.reelgate.server.support.MemoryDatabase;
import io.reelgate.server.support.SettableClock;
import io.reelgate.server.task.RequestJson;
import io.reelgate.server.task.SubmitCommand;
import io.reelgate.server.task.TaskJobs;
import io.reelgate.server.task.TaskLifecycle;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.internal.IdempotencyKeys;
import io.reelgate.server.task.internal.TaskRepository;
import io.reelgate.server.task.internal.TaskTransactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine wired by hand over an in-memory database, a settable clock and fake upstreams, for
 * tests of each stage, the runner and the failure policy. Channels: {@code official-a} (official,
 * cost 100) and {@code value-b} (value, cost 10) serve {@code veo-3-1}, both of protocol {@code
 * fake}; every other model runs on the built-in local renderer.
 */
final class EngineHarness implements AutoCloseable {
  final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T10:00:00Z"));
  final MemoryDatabase db = new MemoryDatabase();
  final Path dataDir;
  final FakeUpstream upstream = new FakeUpstream("fake");
  final RecordingJobs jobs = new RecordingJobs();
  final List<Object> events = new CopyOnWriteArrayList<>();
  final PollingSettings polling =
      new PollingSettings(
          Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(5), 8, 8);
  final ReelgateSettings settings;
  final TaskRepository tasks;
  final Wallet wallet;
  final ConcurrencyGuard concurrency;
  final TaskTransactions transactions;
  final TaskLifecycle lifecycle;
  final TaskQueries queries;
  final ChannelRouter router;
  final UpstreamCalls calls = new UpstreamCalls();
  final WorkDirs workDirs;
  final JobTracker tracker;
  final Deadlines deadlines;
  final ResultFiles storage;
  final FinishTask finishTask;
  final StoreResult storeResult;
  final UpstreamCancel upstreamCancel;
  final TimeOut timeOut;
  final TrackJob trackJob;
  final SubmitJob submitJob;
  final PrepareInputs prepareInputs;
  final ChooseChannel chooseChannel;
  final RecoverResult recoverResult;
  final StepRunner runner;
  final Caller caller;

  EngineHarness() {
    try {
      dataDir = Files.createTempDirectory("reelgate-engine-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    settings = TestCatalog.settings(Map.of("reelgate.data-dir", dataDir.toString()));
    RequestJson requestJson = new RequestJson(JsonMapper.builder().build());
    tasks = new TaskRepository(db.template, requestJson, clock);
    wallet = new Wallet(db.template, clock);
    concurrency = new ConcurrencyGuard(db.template);
    transactions =
        new TaskTransactions(
            tasks,
            wallet,
            concurrency,
            new IdempotencyKeys(db.template, clock),
            jobs,
            events::add,
            db.tx);
    lifecycle = new TaskLifecycle(transactions, clock);
    queries = new TaskQueries(tasks);
    Map<String, ProviderFactory> factories = Map.of("fake", upstream.factory());
    router =
        new ChannelRouter(
            new LocalProvider(new LocalRenderer(1)),
            settings,
            polling,
            new ChannelProperties(
                List.of(channel("official-a", "official", 100), channel("value-b", "value", 10))),
            TestCatalog.catalog(),
            new ProviderRuntime(HttpClient.newHttpClient(), clock),
            factories);
    workDirs = new WorkDirs(settings);
    tracker = new JobTracker(polling, calls, workDirs);
    deadlines = new Deadlines(TestCatalog.catalog(), clock);
    storage = new LocalResultFiles(settings.dataDir());
    finishTask = new FinishTask(lifecycle, workDirs);
    storeResult =
        new StoreResult(
            storage,
            calls,
            workDirs,
            finishTask,
            io.micrometer.observation.ObservationRegistry.NOOP);
    upstreamCancel = new UpstreamCancel(router, calls, tracker, workDirs);
    timeOut = new TimeOut(tracker, deadlines, lifecycle, upstreamCancel, workDirs);
    trackJob = new TrackJob(router, tracker, deadlines, polling, lifecycle, timeOut, storeResult);
    submitJob = new SubmitJob(calls, lifecycle, workDirs, tracker, trackJob, storeResult);
    ImageFetcher images =
        new ImageFetcher(new GuardedHttp(new UrlGuard(settings, HostResolver.SYSTEM)), settings);
    prepareInputs = new PrepareInputs(images, lifecycle, submitJob);
    ChannelChecks checks = new ChannelChecks(router);
    chooseChannel = new ChooseChannel(router, checks, deadlines, lifecycle, timeOut, prepareInputs);
    recoverResult = new RecoverResult(router, calls, workDirs, deadlines, trackJob, chooseChannel);
    runner =
        new StepRunner(
            queries,
            lifecycle,
            tracker,
            workDirs,
            router,
            checks,
            deadlines,
            clock,
            settings,
            chooseChannel,
            trackJob,
            recoverResult,
            io.micrometer.observation.ObservationRegistry.NOOP);
    caller =
        db.tx.execute(
            s -> {
              String account = wallet.createAccount("engine-test", 10_000);
              return new Caller(account, new ApiKeys(db.jdbc, clock).register(account, "rg_x"));
            });
  }

  private static ChannelProperties.Entry channel(String id, String route, long cost) {
    return new ChannelProperties.Entry(
        id,
        "fake",
        java.net.URI.create("https://" + id + ".test"),
        "key",
        Routing.fromWire(route).orElseThrow(),
        cost,
        10,
        null,
        null,
        Map.of("veo-3-1", "veo-upstream"),
        Map.of());
  }

  /** An accepted veo-3-1 text-to-video task (320 credits) with the given routing. */
  TaskRecord accepted(Routing routing) {
    GenerationRequest request =
        new GenerationRequest(
            "veo-3-1",
            GenerationKind.TEXT_TO_VIDEO,
            "a lighthouse at dawn",
            8,
            OutputSize.of(1280, 720),
            List.of(),
            "quality",
            routing,
            null,
            Map.of());
    String id = "task_" + Long.toString(System.nanoTime(), 36);
    TaskRecord task =
        TaskRecord.queued(
            id, caller.accountId(), caller.keyId(), "apixo", request, 320, null, clock.millis());
    return transactions.admit(
        new SubmitCommand(caller, "apixo", id, request, null),
        task,
        new io.reelgate.core.catalog.Limits(1000, 1000),
        null);
  }

  TaskRecord reread(TaskRecord task) {
    return queries.find(task.id()).orElseThrow();
  }

  Wallet.Balance balance() {
    return wallet.balanceOf(caller.accountId());
  }

  long ledgerRows(String taskId, String kind) {
    return db.jdbc
        .sql("SELECT COUNT(*) FROM ledger WHERE task_id = ? AND kind = ?")
        .params(taskId, kind)
        .query(Long.class)
        .single();
  }

  @Override
  public void close() {
    tracker.destroy();
    transactions.destroy();
    db.drop();
  }

  /** The durable-job port, recording what the core asked of it. */
  static final class RecordingJobs implements TaskJobs {
    final List<String> scheduled = new CopyOnWriteArrayList<>();
    final List<String> stopped = new CopyOnWriteArrayList<>();
    final Map<String, Instant> movedTo = new ConcurrentHashMap<>();

    @Override
    public void scheduleNew(List<String> taskIds) {
      scheduled.addAll(taskIds);
    }

    @Override
    public void runAt(String taskId, Instant at) {
      movedTo.put(taskId, at);
    }

    @Override
    public void stop(String taskId) {
      stopped.add(taskId);
    }

    List<String> all() {
      List<String> out = new ArrayList<>(scheduled);
      out.addAll(stopped);
      return out;
    }
  }
}
