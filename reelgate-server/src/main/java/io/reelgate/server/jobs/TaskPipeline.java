package io.reelgate.server.jobs;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.reelgate.core.FailureCode;
import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.task.TaskState;
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
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 */
@Configuration(proxyBeanMethods = false)
public class TaskPipeline {
  private static final Logger log = LoggerFactory.getLogger(TaskPipeline.class);

  /** Failed tries of one task before it fails for good. */
  static final int MAX_ATTEMPTS = 5;

  private static final Duration CHANNEL_BUSY_RETRY = Duration.ofMillis(250);

  private final TaskRepository tasks;
  private final TaskLifecycle lifecycle;
  private final ModelCatalog catalog;
  private final ChannelRouter router;
  private final ImageFetcher images;
  private final ResultStore store;
  private final Clock clock;
  private final HttpClient downloads =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  public TaskPipeline(
      TaskRepository tasks,
      TaskLifecycle lifecycle,
      ModelCatalog catalog,
      ChannelRouter router,
      ImageFetcher images,
      ResultStore store,
      Clock clock) {
    this.tasks = tasks;
    this.lifecycle = lifecycle;
    this.catalog = catalog;
    this.router = router;
    this.images = images;
    this.store = store;
    this.clock = clock;
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
      if (task != null && task.state() == TaskState.CANCELLED) {
        // a step that was running when the task was cancelled may have left work files
        store.clearWork(taskId);
      }
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
      case RUNNING -> task.upstreamJobId() == null ? submit(task, fetchImages(task)) : poll(task);
      case STORING -> recoverStoring(task);
      default -> done();
    };
  }

  private CompletionHandler<Void> dispatch(TaskRecord task, ModelSpec model) {
    Channel channel = router.choose(model, task.request().routing());
    // why: a task stays QUEUED (and shown as pending) until its channel has room for it
    if (!channel.slots().tryAcquire()) {
      return runAgainIn(CHANNEL_BUSY_RETRY);
    }
    try {
      List<InputImage> inputs = fetchImages(task);
      OutputSize size = task.request().size();
      if (!inputs.isEmpty()) {
        size = size.resolveFor(inputs.get(0).info().width(), inputs.get(0).info().height());
      }
      TaskRecord running = lifecycle.start(task, channel.id(), size.width(), size.height());
      return handOver(running, channel, inputs);
    } finally {
      channel.slots().release();
    }
  }

  private CompletionHandler<Void> submit(TaskRecord task, List<InputImage> inputs) {
    Channel channel = channelOf(task);
    if (!channel.slots().tryAcquire()) {
      return runAgainIn(CHANNEL_BUSY_RETRY);
    }
    try {
      return handOver(task, channel, inputs);
    } finally {
      channel.slots().release();
    }
  }

  private CompletionHandler<Void> handOver(
      TaskRecord task, Channel channel, List<InputImage> inputs) {
    Submission submission = channel.provider().submit(jobOf(task, channel, inputs));
    return switch (submission) {
      case Submission.Finished finished -> store(lifecycle.storing(task), finished.media());
      case Submission.Accepted accepted -> {
        lifecycle.accepted(task, accepted.upstreamJobId());
        yield runAgainIn(accepted.pollAfter());
      }
    };
  }

  private CompletionHandler<Void> poll(TaskRecord task) {
    Channel channel = channelOf(task);
    PollResult result =
        channel.provider().poll(jobOf(task, channel, List.of()), task.upstreamJobId());
    return switch (result) {
      case PollResult.Running running -> runAgainIn(running.pollAfter());
      case PollResult.Succeeded succeeded -> store(lifecycle.storing(task), succeeded.media());
      case PollResult.Failed failed -> throw failed.error();
    };
  }

  /** The process died while storing: get the result again (it is still there) and store it. */
  private CompletionHandler<Void> recoverStoring(TaskRecord task) {
    Channel channel = channelOf(task);
    if (task.upstreamJobId() != null) {
      PollResult result =
          channel.provider().poll(jobOf(task, channel, List.of()), task.upstreamJobId());
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
      videoKey = download(task, media.url());
    }
    String posterKey =
        media.posterFile().map(p -> store.put(task.id(), "poster.jpg", p)).orElse(null);
    lifecycle.succeed(task, videoKey, posterKey);
    store.clearWork(task.id());
    return done();
  }

  private String download(TaskRecord task, URI url) {
    Path temp = store.workDirFor(task.id()).resolve("download.mp4");
    try {
      Files.createDirectories(temp.getParent());
      HttpResponse<InputStream> response =
          downloads.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("result download answered HTTP " + response.statusCode());
        }
        Files.copy(body, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return store.put(task.id(), "video.mp4", temp);
    } catch (IOException e) {
      throw new ProviderException(
          io.reelgate.providers.FailureCategory.UNAVAILABLE,
          FailureCode.UPSTREAM_ERROR,
          true,
          null,
          "could not download the result: " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
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
            () -> new IllegalStateException("channel " + task.channelId() + " is not configured"));
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
    Instant at = clock.instant().plus(delay);
    return (complete, ops) -> ops.reschedule(complete, at);
  }
}
