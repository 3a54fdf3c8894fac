package io.reelgate.server.engine.internal;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.ResultMedia;
import io.reelgate.providers.Submission;
import io.reelgate.providers.VideoProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An upstream for engine tests: each call takes the next scripted answer (or throws it), and every
 * call is recorded. Without a script a submit is accepted as {@code job-<taskId>} and a poll says
 * the job is still running.
 */
final class FakeUpstream implements VideoProvider {
  static final byte[] VIDEO = {0, 0, 0, 8, 'f', 't', 'y', 'p'};

  final String protocol;
  final Deque<Function<ProviderJob, Submission>> submits = new ArrayDeque<>();
  final Deque<Supplier<PollResult>> polls = new ArrayDeque<>();
  final List<String> calls = new ArrayList<>();
  volatile RuntimeException checkRefusal;

  FakeUpstream(String protocol) {
    this.protocol = protocol;
  }

  /** A factory that hands out this very upstream for every channel of its protocol. */
  ProviderFactory factory() {
    FakeUpstream self = this;
    return new ProviderFactory() {
      @Override
      public String protocol() {
        return protocol;
      }

      @Override
      public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
        return self;
      }
    };
  }

  /** Every later {@link #check} refuses with {@code e}, as a channel that cannot take a value. */
  FakeUpstream refusesAtCheck(RuntimeException e) {
    checkRefusal = e;
    return this;
  }

  @Override
  public void check(io.reelgate.core.request.GenerationRequest request, String upstreamModel) {
    if (checkRefusal != null) {
      throw checkRefusal;
    }
  }

  /** Pushed updates are taken as they come: the body names a job that finished with a video. */
  @Override
  public boolean acceptsWebhooks() {
    return true;
  }

  @Override
  public java.util.Optional<io.reelgate.providers.UpstreamUpdate> parseWebhook(
      io.reelgate.providers.WebhookRequest request) {
    String job = new String(request.body(), java.nio.charset.StandardCharsets.UTF_8);
    return io.reelgate.providers.UpstreamUpdate.ifFinished(job, succeeded());
  }

  FakeUpstream acceptsAs(String jobId) {
    submits.add(job -> new Submission.Accepted(jobId, Duration.ofSeconds(1)));
    return this;
  }

  FakeUpstream refusesWith(RuntimeException e) {
    submits.add(
        job -> {
          throw e;
        });
    return this;
  }

  FakeUpstream rendersAFile() {
    submits.add(job -> new Submission.Finished(ResultMedia.ofFile(write(job.workDir()), null)));
    return this;
  }

  FakeUpstream pollsAs(PollResult result) {
    polls.add(() -> result);
    return this;
  }

  static PollResult succeeded() {
    return new PollResult.Succeeded(ResultMedia.ofUrl(URI.create("https://upstream.test/v.mp4")));
  }

  @Override
  public String protocol() {
    return protocol;
  }

  @Override
  public synchronized Submission submit(ProviderJob job) {
    calls.add("submit " + job.taskId());
    Function<ProviderJob, Submission> next = submits.poll();
    return next == null
        ? new Submission.Accepted("job-" + job.taskId(), Duration.ofSeconds(1))
        : next.apply(job);
  }

  @Override
  public synchronized PollResult poll(ProviderJob job, String upstreamJobId) {
    calls.add("poll " + upstreamJobId);
    Supplier<PollResult> next = polls.poll();
    return next == null ? new PollResult.Running(Duration.ofHours(1)) : next.get();
  }

  @Override
  public synchronized boolean cancel(ProviderJob job, String upstreamJobId) {
    calls.add("cancel " + upstreamJobId);
    return true;
  }

  @Override
  public synchronized void download(ProviderJob job, ResultMedia media, Path target) {
    calls.add("download " + media.url());
    try {
      Files.write(target, VIDEO);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  private static Path write(Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.write(dir.resolve("video.mp4"), VIDEO);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
