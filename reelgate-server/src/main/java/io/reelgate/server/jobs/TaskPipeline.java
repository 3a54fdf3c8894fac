package io.reelgate.server.jobs;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.reelgate.core.FailureCode;
import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.core.task.TaskState;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.InputImage;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.ResultMedia;
import io.reelgate.providers.Submission;
import io.reelgate.server.fetch.ImageFetchException;
import io.reelgate.server.fetch.ImageFetcher;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.storage.ResultStore;
import io.reelgate.server.task.ConcurrentTaskUpdateException;
import io.reelgate.server.task.TaskLifecycle;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Moves a task through QUEUED → RUNNING → STORING → SUCCEEDED (or FAILED) as one durable
 * db-scheduler job per task. Each run reads the task's stored state and does the next step, so a
 * run that died with the process is simply run again after restart: steps are idempotent (a
 * re-render writes the same file, a re-store overwrites the same key, and state changes are
 * version-checked).
 *
 * <p>Once an upstream accepted the job, the {@link UpstreamPoller} polls it from memory and the
 * durable job only wakes up as a backstop (every {@code reelgate.polling.backstop}, or at the
 * model's deadline): it takes the task back into polling after a restart, and fails it with {@code
 * PROCESSING_TIMEOUT} when the deadline passed. A poll or an upstream webhook that sees the job end
 * moves the durable job to now, which stores or fails the task.
 */
@Configuration(proxyBeanMethods = false)
public class TaskPipeline {
  private static final Logger log = LoggerFactory.getLogger(TaskPipeline.class);

  /** Failed tries of one task before it fails for good. */
  static final int MAX_ATTEMPTS = 5;

  private static final Duration CHANNEL_BUSY_RETRY = Duration.ofMillis(250);
  private static final Duration NO_HEALTHY_CHANNEL_RETRY = Duration.ofSeconds(5);

  private final TaskRepository tasks;
  private final TaskLifecycle lifecycle;
  private final ModelCatalog catalog;
  private final ChannelRouter router;
  private final ImageFetcher images;
  private final ResultStore store;
  private final UpstreamPoller poller;
  private final UpstreamCancel upstreamCancel;
  private final Clock clock;

  public TaskPipeline(
      TaskRepository tasks,
      TaskLifecycle lifecycle,
      ModelCatalog catalog,
      ChannelRouter router,
      ImageFetcher images,
      ResultStore store,
      UpstreamPoller poller,
      UpstreamCancel upstreamCancel,
      Clock clock) {
    this.tasks = tasks;
    this.lifecycle = lifecycle;
    this.catalog = catalog;
    this.router = router;
    this.images = images;
    this.store = store;
    this.poller = poller;
    this.upstreamCancel = upstreamCancel;
    this.clock = clock;
    poller.finishWith(this::storeSucceeded);
  }

  /**
   * Stores the result of a task whose upstream job succeeded, outside its durable job (which stays
   * scheduled as the backstop until the task is finished).
   *
   * @return whether the task is now finished
   */
  boolean storeSucceeded(String taskId, PollResult.Succeeded result) {
    TaskRecord task = tasks.find(taskId).orElse(null);
    if (task == null || task.state().isTerminal()) {
      return true;
    }
    if (task.state() != TaskState.RUNNING || task.upstreamJobId() == null) {
      return false;
    }
    try {
      store(lifecycle.storing(task), result.media());
      return true;
    } catch (RuntimeException e) {
      if (stoppedByShutdown(e)) {
        // why: left as stored; the durable job stores it after the restart
        return false;
      }
      throw e;
    }
  }

  @Bean
  CustomTask<Void> advanceTaskJob() {
    return Tasks.custom(PipelineJob.DESCRIPTOR)
        .onDeadExecutionRevive()
        .execute((instance, context) -> advance(instance.getId()));
  }

  /** Runs the next step of a task and says when (or whether) to run again. */
  CompletionHandler<Void> advance(String taskId) {
    TaskRecord task = tasks.find(taskId).orElse(null);
    if (task == null || task.state().isTerminal()) {
      poller.untrack(taskId);
      poller.takeOutcome(taskId);
      return done();
    }
    try {
      return step(task);
    } catch (RuntimeException e) {
      if (stoppedByShutdown(e)) {
        // why: the scheduler interrupts running jobs when the server stops, and a database write
        // on an interrupted thread makes H2 close its file. The task is left as stored; its job
        // runs again after the restart (or on another node) from that state.
        log.info("task {}: interrupted by shutdown; it resumes from its stored state", taskId);
        return runAgainIn(Duration.ZERO);
      }
      return onFailure(task, e);
    }
  }

  private CompletionHandler<Void> onFailure(TaskRecord task, RuntimeException failure) {
    String taskId = task.id();
    return switch (failure) {
      case ConcurrentTaskUpdateException e -> runAgainIn(Duration.ofMillis(200));
      case ProviderException e when !e.isRetryable() -> {
        failIfUnfinished(taskId, e.code(), e.getMessage());
        yield done();
      }
      case ProviderException e ->
          retry(taskId, e.code(), e.getMessage(), e.retryAfter().orElse(backoff(task.attempts())));
      case ImageFetchException e when !e.isRetryable() -> {
        failIfUnfinished(taskId, FailureCode.INVALID_IMAGE_URL, e.getMessage());
        yield done();
      }
      case ImageFetchException e ->
          retry(taskId, FailureCode.INVALID_IMAGE_URL, e.getMessage(), backoff(task.attempts()));
      case ChannelRouter.NoChannelException e -> {
        failIfUnfinished(taskId, FailureCode.MODEL_UNAVAILABLE, e.getMessage());
        yield done();
      }
      default -> {
        log.warn("task {}: step failed, will retry", taskId, failure);
        yield retry(taskId, FailureCode.INTERNAL_ERROR, "internal error", backoff(task.attempts()));
      }
    };
  }

  /** Clears the thread's interrupt flag and tells whether the failure came from an interrupt. */
  static boolean stoppedByShutdown(Throwable failure) {
    boolean interrupted = Thread.interrupted();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof java.io.InterruptedIOException
          || t instanceof java.nio.channels.ClosedByInterruptException) {
        return true;
      }
    }
    return interrupted;
  }

  private CompletionHandler<Void> step(TaskRecord task) {
    ModelSpec model =
        catalog
            .find(task.model())
            .orElseThrow(() -> new IllegalStateException("model " + task.model() + " is gone"));
    return switch (task.state()) {
      case QUEUED -> dispatch(task, model);
      case RUNNING -> {
        if (task.upstreamJobId() != null) {
          yield track(task, model);
        }
        yield clock.millis() >= deadlineOf(task, model)
            ? timeout(task, model)
            : submit(task, model);
      }
      case STORING -> recoverStoring(task);
      default -> done();
    };
  }

  /** When a task on a channel fails with PROCESSING_TIMEOUT: its start plus the model deadline. */
  static long deadlineOf(TaskRecord task, ModelSpec model) {
    long started = task.startedAt() == null ? task.createdAt() : task.startedAt();
    return started + model.deadline().toMillis();
  }

  private CompletionHandler<Void> dispatch(TaskRecord task, ModelSpec model) {
    List<Channel> candidates = router.candidates(model, task.request().routing());
    Channel channel = null;
    boolean anyHealthy = false;
    for (Channel c : candidates) {
      if (c.healthy()) {
        anyHealthy = true;
        if (c.tryAcquire()) {
          channel = c;
          break;
        }
      }
    }
    if (channel == null) {
      if (!anyHealthy && clock.millis() >= task.createdAt() + model.deadline().toMillis()) {
        failIfUnfinished(
            task.id(),
            FailureCode.UPSTREAM_ERROR,
            "no healthy channel for " + model.id() + " within " + model.deadline());
        return done();
      }
      // why: a task stays QUEUED (and shown as pending) until a channel is healthy and has room
      return runAgainIn(anyHealthy ? CHANNEL_BUSY_RETRY : NO_HEALTHY_CHANNEL_RETRY);
    }
    boolean handedOn = false;
    try {
      List<InputImage> inputs = fetchImages(task);
      OutputSize size = task.request().size();
      if (!inputs.isEmpty()) {
        size = size.resolveFor(inputs.get(0).info().width(), inputs.get(0).info().height());
      }
      TaskRecord running = lifecycle.start(task, channel.id(), size.width(), size.height());
      handedOn = true;
      return handOver(running, model, channel, inputs);
    } finally {
      if (!handedOn) {
        channel.release();
      }
    }
  }

  private CompletionHandler<Void> submit(TaskRecord task, ModelSpec model) {
    Channel channel = channelOf(task);
    if (!channel.tryAcquire()) {
      return runAgainIn(CHANNEL_BUSY_RETRY);
    }
    List<InputImage> inputs;
    try {
      inputs = fetchImages(task);
    } catch (RuntimeException e) {
      channel.release();
      throw e;
    }
    return handOver(task, model, channel, inputs);
  }

  /**
   * Submits the job on a channel whose slot the caller took. The slot is kept while the upstream
   * runs the job (the poller gives it back) and given back on every other outcome.
   */
  private CompletionHandler<Void> handOver(
      TaskRecord task, ModelSpec model, Channel channel, List<InputImage> inputs) {
    Submission submission;
    long started = System.nanoTime();
    try {
      if (!channel.health().tryAcquirePermission()) {
        throw new ProviderException(
            FailureCategory.UNAVAILABLE,
            FailureCode.UPSTREAM_ERROR,
            true,
            null,
            "channel " + channel.id() + " is unhealthy (circuit open)",
            null);
      }
      try {
        submission = channel.provider().submit(jobOf(task, channel, inputs));
        channel.health().onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      } catch (ProviderException e) {
        if (countsAgainstHealth(e)) {
          channel.health().onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
        } else {
          channel.health().onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        throw e;
      }
    } catch (ProviderException e) {
      channel.release();
      return failOver(task, model, channel, e);
    } catch (RuntimeException e) {
      channel.release();
      throw e;
    }
    return switch (submission) {
      case Submission.Finished finished -> {
        channel.release();
        yield store(lifecycle.storing(task), finished.media());
      }
      case Submission.Accepted accepted -> {
        TaskRecord running;
        try {
          running = lifecycle.accepted(task, accepted.upstreamJobId());
        } catch (RuntimeException e) {
          channel.release();
          throw e;
        }
        poller.track(running, channel, accepted.pollAfter(), true);
        yield runAgainAt(poller.backstopFor(deadlineOf(running, model)));
      }
    };
  }

  /**
   * A submit failed. Under {@code auto}, a failure that happened before any upstream accepted the
   * job (unavailable, rate limited, refused credentials) moves the task to the next channel not yet
   * tried; a failure after which the job may exist upstream never does (that could make a second
   * upstream job), and is retried on the same channel like any other failure.
   */
  private CompletionHandler<Void> failOver(
      TaskRecord task, ModelSpec model, Channel failed, ProviderException e) {
    if (task.request().routing() == Routing.AUTO && !e.jobMayExist() && movable(e)) {
      List<String> tried = tasks.triedChannels(task.id());
      for (Channel next : router.candidates(model, Routing.AUTO)) {
        if (!tried.contains(next.id()) && next.healthy()) {
          log.info(
              "task {}: {} failed before accepting ({}); trying {}",
              task.id(),
              failed.id(),
              e.getMessage(),
              next.id());
          lifecycle.switchChannel(
              task, next.id(), failed.id() + " failed before accepting: " + e.getMessage());
          return runAgainIn(Duration.ZERO);
        }
      }
    }
    throw e;
  }

  private static boolean movable(ProviderException e) {
    return e.category() == FailureCategory.UNAVAILABLE
        || e.category() == FailureCategory.RATE_LIMITED
        || e.category() == FailureCategory.AUTH;
  }

  private static boolean countsAgainstHealth(ProviderException e) {
    return movable(e) || e.category() == FailureCategory.INTERNAL;
  }

  /**
   * The upstream holds the job: act on an outcome a poll or webhook brought, or make sure this node
   * polls it and look again at the backstop.
   */
  private CompletionHandler<Void> track(TaskRecord task, ModelSpec model) {
    PollResult outcome = poller.takeOutcome(task.id());
    if (outcome instanceof PollResult.Succeeded succeeded) {
      poller.untrack(task.id());
      return store(lifecycle.storing(task), succeeded.media());
    }
    if (outcome instanceof PollResult.Failed failed) {
      poller.untrack(task.id());
      return upstreamFailed(task, failed.error());
    }
    if (clock.millis() >= deadlineOf(task, model)) {
      return timeout(task, model);
    }
    Channel channel = channelOf(task);
    poller.track(task, channel, Duration.ZERO, false);
    return runAgainAt(poller.backstopFor(deadlineOf(task, model)));
  }

  /** The upstream ended the job without a video. */
  private CompletionHandler<Void> upstreamFailed(TaskRecord task, ProviderException e) {
    if (!e.isRetryable()) {
      failIfUnfinished(task.id(), e.code(), e.getMessage());
      return done();
    }
    if (task.attempts() + 1 >= MAX_ATTEMPTS) {
      failIfUnfinished(task.id(), e.code(), e.getMessage());
      return done();
    }
    lifecycle.resubmitLater(task, e.getMessage());
    return runAgainIn(e.retryAfter().orElse(backoff(task.attempts())));
  }

  private CompletionHandler<Void> timeout(TaskRecord task, ModelSpec model) {
    poller.untrack(task.id());
    poller.takeOutcome(task.id());
    String message = "the upstream did not finish within the deadline of " + model.deadline();
    failIfUnfinished(task.id(), FailureCode.PROCESSING_TIMEOUT, message);
    upstreamCancel.cancel(task);
    return done();
  }

  /** The process died while storing: get the result again (it is still there) and store it. */
  private CompletionHandler<Void> recoverStoring(TaskRecord task) {
    Channel channel = channelOf(task);
    if (task.upstreamJobId() != null) {
      PollResult outcome = poller.takeOutcome(task.id());
      PollResult result =
          outcome != null
              ? outcome
              : channel.provider().poll(jobOf(task, channel, List.of()), task.upstreamJobId());
      if (result instanceof PollResult.Succeeded succeeded) {
        return store(task, succeeded.media());
      }
      return runAgainIn(Duration.ofSeconds(5));
    }
    Path video = store.workDirFor(task.id()).resolve("video.mp4");
    Path poster = store.workDirFor(task.id()).resolve("poster.jpg");
    if (Files.isRegularFile(video) && Files.isRegularFile(poster)) {
      return store(task, ResultMedia.ofFile(video, poster));
    }
    Submission again = channel.provider().submit(jobOf(task, channel, fetchImages(task)));
    if (again instanceof Submission.Finished finished) {
      return store(task, finished.media());
    }
    throw new IllegalStateException("a synchronous channel answered asynchronously");
  }

  private CompletionHandler<Void> store(TaskRecord task, ResultMedia media) {
    String videoKey;
    if (media.file() != null) {
      videoKey = store.put(task.id(), "video.mp4", media.file());
    } else {
      videoKey = download(task, media);
    }
    String posterKey =
        media.posterFile().map(p -> store.put(task.id(), "poster.jpg", p)).orElse(null);
    lifecycle.succeed(task, videoKey, posterKey);
    store.clearWork(task.id());
    return done();
  }

  /** Copies a result given by URL into storage through the channel's own download. */
  private String download(TaskRecord task, ResultMedia media) {
    Channel channel = channelOf(task);
    // why: a unique name, since a poller and a backstop run may download the same result at once
    Path temp = store.workDirFor(task.id()).resolve("download-" + UUID.randomUUID() + ".mp4");
    try {
      Files.createDirectories(temp.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      channel.provider().download(jobOf(task, channel, List.of()), media, temp);
      return store.put(task.id(), "video.mp4", temp);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // why: a leftover scratch file is removed with the work directory
      }
    }
  }

  private List<InputImage> fetchImages(TaskRecord task) {
    List<InputImage> out = new ArrayList<>();
    for (String url : task.request().imageUrls()) {
      out.add(images.fetch(url));
    }
    return out;
  }

  private Channel channelOf(TaskRecord task) {
    return router
        .byId(task.channelId())
        .orElseThrow(
            () ->
                new ProviderException(
                    FailureCategory.INTERNAL,
                    FailureCode.MODEL_UNAVAILABLE,
                    false,
                    null,
                    "channel " + task.channelId() + " is no longer configured",
                    null));
  }

  private ProviderJob jobOf(TaskRecord task, Channel channel, List<InputImage> inputs) {
    GenerationRequest request = task.request();
    OutputSize size =
        task.outputWidth() == null
            ? request.size()
            : OutputSize.of(task.outputWidth(), task.outputHeight());
    return new ProviderJob(
        task.id(),
        request,
        size,
        inputs,
        channel.upstreamModel(request.model()),
        store.workDirFor(task.id()));
  }

  private CompletionHandler<Void> retry(
      String taskId, FailureCode code, String message, Duration delay) {
    TaskRecord current = tasks.find(taskId).orElse(null);
    if (current == null || current.state().isTerminal()) {
      return done();
    }
    if (current.attempts() + 1 >= MAX_ATTEMPTS) {
      failIfUnfinished(taskId, code, message);
      return done();
    }
    try {
      lifecycle.retryLater(current, message);
    } catch (ConcurrentTaskUpdateException e) {
      // another run changed the task; the next run reads it afresh
    }
    return runAgainIn(delay);
  }

  private void failIfUnfinished(String taskId, FailureCode code, String message) {
    for (int i = 0; i < 3; i++) {
      TaskRecord current = tasks.find(taskId).orElse(null);
      if (current == null || current.state().isTerminal()) {
        return;
      }
      try {
        lifecycle.fail(current, code, message);
        store.clearWork(taskId);
        return;
      } catch (ConcurrentTaskUpdateException e) {
        // re-read and try again
      }
    }
    throw new ConcurrentTaskUpdateException(taskId);
  }

  static Duration backoff(int attempts) {
    long seconds = Math.min(300, (long) Math.pow(2, Math.min(attempts, 8)) * 2);
    return Duration.ofSeconds(seconds);
  }

  private static CompletionHandler<Void> done() {
    return (complete, ops) -> ops.remove();
  }

  private CompletionHandler<Void> runAgainIn(Duration delay) {
    return runAgainAt(clock.instant().plus(delay));
  }

  private static CompletionHandler<Void> runAgainAt(Instant at) {
    return (complete, ops) -> ops.reschedule(complete, at);
  }
}
