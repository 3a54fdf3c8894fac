package io.reelgate.bench;

import io.reelgate.render.LocalRenderer;
import io.reelgate.render.RenderMode;
import io.reelgate.render.RenderResult;
import io.reelgate.render.RenderSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code render}: frames per second of the local renderer at 720p and 1080p in the benchmark's own
 * JVM. It runs before anything else is started, because its 720p clip is what the stub upstream
 * serves; so it is not a {@link Scenario} of the started server.
 */
final class RenderScenario {
  private static final int[][] SIZES = {{1280, 720}, {1920, 1080}};

  private final Options options;
  private final Report report;

  RenderScenario(Options options, Report report) {
    this.options = options;
    this.report = report;
  }

  /** Renders (and measures, when the scenario is selected); returns a 720p clip. */
  byte[] run(Path work) throws Exception {
    LocalRenderer renderer = new LocalRenderer(Runtime.getRuntime().availableProcessors());
    int seconds = options.quick() ? 2 : 4;
    Path video = work.resolve("clip.mp4");
    Path poster = work.resolve("clip.jpg");
    if (!options.runs("render")) {
      renderer.render(spec(SIZES[0], seconds), video, poster);
      return Files.readAllBytes(video);
    }
    Log.line("%s", "render: warm-up");
    for (int[] size : SIZES) {
      for (int i = 0; i < options.renderWarmups(); i++) {
        renderer.render(spec(size, seconds), video, poster);
      }
    }
    byte[] clip = null;
    for (int[] size : SIZES) {
      String name = size[1] + "p";
      double[] fps = new double[options.renderRuns()];
      for (int r = 0; r < fps.length; r++) {
        System.gc();
        long t0 = System.nanoTime();
        RenderResult result = renderer.render(spec(size, seconds), video, poster);
        fps[r] = result.frames() / ((System.nanoTime() - t0) / 1e9);
      }
      double median = median(fps);
      report.put("render." + name + ".frames_per_second", median, "frames/s");
      report.put("render." + name + ".realtime_factor", median / RenderSpec.DEFAULT_FPS, "x");
      if (size[1] == 720) {
        clip = Files.readAllBytes(video);
      }
    }
    report.note(
        "render",
        String.format(
            Locale.ROOT,
            "`LocalRenderer` in the benchmark's own JVM (%d threads), text-to-video clips of %d s at"
                + " %d fps, median of %d timed renders after %d warm-ups per size; real-time factor ="
                + " seconds of video per second of wall time. Runs before the server starts.",
            renderer.threads(),
            seconds,
            RenderSpec.DEFAULT_FPS,
            options.renderRuns(),
            options.renderWarmups()));
    return clip;
  }

  /** The middle value (the upper one of the two middle values for an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static RenderSpec spec(int[] size, int seconds) {
    return new RenderSpec(
        RenderMode.TEXT,
        size[0],
        size[1],
        seconds,
        RenderSpec.DEFAULT_FPS,
        "lanterns drifting over a harbour city at dusk, slow pan",
        2026,
        List.of());
  }
}
