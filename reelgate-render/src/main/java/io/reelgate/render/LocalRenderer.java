package io.reelgate.render;

import io.reelgate.render.GopEncoder.EncodedGop;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Renders clips on this machine: H.264 in a progressive MP4, plus a JPEG poster frame.
 *
 * <p>Frames are drawn straight into YUV planes and encoded in closed groups of pictures (one second
 * each, starting with an IDR frame) on a pool of threads; the groups are written to the file in
 * order as they complete. At most a few groups are in flight, so memory does not grow with the
 * clip's length. Output depends only on the {@link RenderSpec}: the same spec gives the same bytes
 * whatever the number of threads.
 *
 * <p>Instances are thread-safe; concurrent renders share the pool.
 */
public final class LocalRenderer {
  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  private final int threads;
  private final ExecutorService pool;

  /** A renderer using all available processors. */
  public LocalRenderer() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /** A renderer encoding on {@code threads} threads (at least 1). */
  public LocalRenderer(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.threads = threads;
    int id = POOL_IDS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "reelgate-render-" + id + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** The number of encoding threads. */
  public int threads() {
    return threads;
  }

  /**
   * Renders spec to an MP4 (H.264) at videoOut and a poster frame (JPEG) at posterOut. Thread-safe.
   *
   * @throws RenderException with {@link RenderException#isInputProblem()} true when an input image
   *     cannot be decoded or the mode lacks the images it needs
   */
  public RenderResult render(RenderSpec spec, Path videoOut, Path posterOut) throws IOException {
    FrameSource source = frameSource(spec);
    int frames = spec.frameCount();
    if (frames < 1) {
      throw new RenderException("the clip would have no frames", true, null);
    }
    int width = spec.width();
    int height = spec.height();
    int gopLength = gopLength(spec);
    int groups = (frames + gopLength - 1) / gopLength;
    Path dir = videoOut.toAbsolutePath().getParent();
    Files.createDirectories(dir);

    Deque<Future<EncodedGop>> inFlight = new ArrayDeque<>();
    try (Mp4Writer writer = new Mp4Writer(dir, width, height, spec.fps())) {
      int next = 0;
      int window = threads + 1;
      while (next < groups && inFlight.size() < window) {
        inFlight.add(submit(source, next++, gopLength, frames, spec));
      }
      while (!inFlight.isEmpty()) {
        EncodedGop gop = await(inFlight.poll());
        if (next < groups) {
          inFlight.add(submit(source, next++, gopLength, frames, spec));
        }
        writer.setParameterSets(gop.sps(), gop.pps());
        int off = 0;
        for (int i = 0; i < gop.sizes().length; i++) {
          writer.addSample(gop.data(), off, gop.sizes()[i], i == 0);
          off += gop.sizes()[i];
        }
      }
      writer.finish(videoOut);
    } finally {
      for (Iterator<Future<EncodedGop>> it = inFlight.iterator(); it.hasNext(); ) {
        it.next().cancel(true);
      }
    }

    YuvFrame first = new YuvFrame(width, height);
    source.draw(0, first);
    writePoster(first, posterOut);
    return new RenderResult(
        videoOut, posterOut, frames, width, height, frames / (double) spec.fps());
  }

  /** One group per second of video. */
  static int gopLength(RenderSpec spec) {
    return Math.max(1, spec.fps());
  }

  static FrameSource frameSource(RenderSpec spec) {
    return switch (spec.mode()) {
      case TEXT -> new TextScene(spec);
      case IMAGE, FIRST_LAST, REFERENCES -> ImageScene.create(spec);
    };
  }

  private Future<EncodedGop> submit(
      FrameSource source, int group, int gopLength, int frames, RenderSpec spec) {
    int first = group * gopLength;
    int count = Math.min(gopLength, frames - first);
    return pool.submit(
        () ->
            GopEncoder.encode(
                source, first, count, spec.width(), spec.height(), spec.fps(), gopLength));
  }

  private static EncodedGop await(Future<EncodedGop> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while rendering");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RenderException re) {
        throw re;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new RenderException("encoding failed: " + cause, false, cause);
    }
  }

  static void writePoster(YuvFrame frame, Path posterOut) throws IOException {
    Path dir = posterOut.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = TempFiles.besides(posterOut);
    try {
      ImageWriter jpeg = ImageIO.getImageWritersByFormatName("jpeg").next();
      try (OutputStream os = Files.newOutputStream(tmp);
          ImageOutputStream ios = ImageIO.createImageOutputStream(os)) {
        jpeg.setOutput(ios);
        ImageWriteParam param = jpeg.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        jpeg.write(null, new IIOImage(frame.toImage(), null, null), param);
      } finally {
        jpeg.dispose();
      }
      Files.move(
          tmp, posterOut, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
