package io.reelgate.render.cli;

import io.reelgate.render.LocalRenderer;
import io.reelgate.render.RenderException;
import io.reelgate.render.RenderMode;
import io.reelgate.render.RenderResult;
import io.reelgate.render.RenderSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders one clip from the command line, for trying the local renderer out.
 *
 * <pre>
 * RenderCli --prompt "waves on a quiet ocean at dusk" --out waves.mp4
 * RenderCli --image photo.jpg --duration 6 --size 1920x1080 --out photo.mp4
 * RenderCli --mode first-last --image a.png --image b.png --out ab.mp4
 * </pre>
 */
public final class RenderCli {
  private RenderCli() {}

  static final String USAGE =
      """
      Usage: RenderCli --out FILE.mp4 [options]
        --prompt TEXT      what the clip shows (text mode scene and caption)
        --image FILE       an input image (JPEG, PNG or WebP); repeat for several
        --mode MODE        text | image | first-last | references
                           (default: text without images, image with one, references with more)
        --size WxH         output size, even numbers (default 1280x720)
        --duration SEC     clip length in seconds (default 4)
        --fps N            frames per second (default 24)
        --seed N           seed of the scene's random choices (default 0)
        --threads N        encoding threads (default: all processors)
        --poster FILE      poster frame (default: the video's name with .jpg)
      """;

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command; returns the process exit status (0 ok, 1 failure, 2 usage error). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String prompt = "";
    List<Path> images = new ArrayList<>();
    RenderMode mode = null;
    int width = 1280;
    int height = 720;
    double duration = 4;
    int fps = RenderSpec.DEFAULT_FPS;
    long seed = 0;
    int threads = Runtime.getRuntime().availableProcessors();
    Path video = null;
    Path poster = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("-h") || a.equals("--help")) {
          out.print(USAGE);
          return 0;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        String v = args[++i];
        switch (a) {
          case "--prompt" -> prompt = v;
          case "--image" -> images.add(Path.of(v));
          case "--mode" -> mode = RenderMode.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
          case "--size" -> {
            String[] wh = v.toLowerCase(Locale.ROOT).split("x");
            if (wh.length != 2) {
              throw new IllegalArgumentException("--size is WIDTHxHEIGHT, e.g. 1280x720");
            }
            width = Integer.parseInt(wh[0]);
            height = Integer.parseInt(wh[1]);
          }
          case "--duration" -> duration = Double.parseDouble(v);
          case "--fps" -> fps = Integer.parseInt(v);
          case "--seed" -> seed = Long.parseLong(v);
          case "--threads" -> threads = Integer.parseInt(v);
          case "--out" -> video = Path.of(v);
          case "--poster" -> poster = Path.of(v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (video == null) {
        throw new IllegalArgumentException("--out is required");
      }
      if (mode == null) {
        mode =
            images.isEmpty()
                ? RenderMode.TEXT
                : images.size() == 1 ? RenderMode.IMAGE : RenderMode.REFERENCES;
      }
      if (poster == null) {
        String name = video.getFileName().toString();
        int dot = name.lastIndexOf('.');
        poster = video.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".jpg");
      }
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }

    try {
      List<byte[]> bytes = new ArrayList<>();
      for (Path p : images) {
        bytes.add(Files.readAllBytes(p));
      }
      RenderSpec spec = new RenderSpec(mode, width, height, duration, fps, prompt, seed, bytes);
      long t0 = System.nanoTime();
      RenderResult r = new LocalRenderer(threads).render(spec, video, poster);
      double seconds = (System.nanoTime() - t0) / 1e9;
      out.printf(
          Locale.ROOT,
          "%s: %dx%d, %d frames, %.2f s (%s); poster %s%nrendered in %.2f s: %.1f frames/s, %.2fx real time%n",
          r.video(),
          r.width(),
          r.height(),
          r.frames(),
          r.durationSeconds(),
          mode.name().toLowerCase(Locale.ROOT).replace('_', '-'),
          r.poster(),
          seconds,
          r.frames() / seconds,
          r.durationSeconds() / seconds);
      return 0;
    } catch (IllegalArgumentException | RenderException | IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }
}
