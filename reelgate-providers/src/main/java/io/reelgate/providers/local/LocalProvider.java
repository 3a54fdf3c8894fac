package io.reelgate.providers.local;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.InputImage;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.ResultMedia;
import io.reelgate.providers.Submission;
import io.reelgate.providers.VideoProvider;
import io.reelgate.render.LocalRenderer;
import io.reelgate.render.RenderException;
import io.reelgate.render.RenderMode;
import io.reelgate.render.RenderSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built-in channel: renders a preview clip on this machine. Rendering happens inside {@link
 * #submit}, so the job finishes synchronously; a crash mid-render simply renders again, and the
 * renderer is deterministic, so the result is the same.
 */
public final class LocalProvider implements VideoProvider {
  public static final String PROTOCOL = "local";

  private final LocalRenderer renderer;
  private final RenderListener listener;

  /** Told of every finished render: how many frames it made and how long it took. */
  @FunctionalInterface
  public interface RenderListener {
    void rendered(int frames, long nanos);
  }

  public LocalProvider(LocalRenderer renderer) {
    this(renderer, (frames, nanos) -> {});
  }

  public LocalProvider(LocalRenderer renderer, RenderListener listener) {
    this.renderer = renderer;
    this.listener = listener;
  }

  @Override
  public String protocol() {
    return PROTOCOL;
  }

  @Override
  public Submission submit(ProviderJob job) {
    GenerationRequest request = job.request();
    RenderSpec spec =
        new RenderSpec(
            modeOf(request.kind()),
            job.size().width(),
            job.size().height(),
            request.durationSeconds(),
            RenderSpec.DEFAULT_FPS,
            request.prompt(),
            seedOf(request),
            job.images().stream().map(InputImage::bytes).toList());
    Path video = job.workDir().resolve("video.mp4");
    Path poster = job.workDir().resolve("poster.jpg");
    try {
      Files.createDirectories(job.workDir());
      long started = System.nanoTime();
      int frames = renderer.render(spec, video, poster).frames();
      listener.rendered(frames, System.nanoTime() - started);
    } catch (RenderException e) {
      throw new ProviderException(
          e.isInputProblem() ? FailureCategory.BAD_INPUT : FailureCategory.INTERNAL,
          null,
          false,
          null,
          e.getMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("local render of " + job.taskId() + " failed", e);
    }
    return new Submission.Finished(ResultMedia.ofFile(video, poster));
  }

  @Override
  public PollResult poll(ProviderJob job, String upstreamJobId) {
    throw new IllegalStateException("the local channel finishes in submit and is never polled");
  }

  static RenderMode modeOf(GenerationKind kind) {
    return switch (kind) {
      case TEXT_TO_VIDEO -> RenderMode.TEXT;
      case IMAGE_TO_VIDEO -> RenderMode.IMAGE;
      case FIRST_AND_LAST_FRAMES -> RenderMode.FIRST_LAST;
      case REFERENCE_IMAGES -> RenderMode.REFERENCES;
    };
  }

  /** The request's seed, or one derived from the prompt so the same prompt renders the same. */
  static long seedOf(GenerationRequest request) {
    if (request.seed() != null) {
      return request.seed();
    }
    long hash = 1125899906842597L;
    for (byte b : request.prompt().getBytes(StandardCharsets.UTF_8)) {
      hash = 31 * hash + b;
    }
    return hash;
  }
}
