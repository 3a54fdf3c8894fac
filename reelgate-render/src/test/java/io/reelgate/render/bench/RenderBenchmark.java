package io.reelgate.render.bench;

import io.reelgate.render.LocalRenderer;
import io.reelgate.render.RenderMode;
import io.reelgate.render.RenderResult;
import io.reelgate.render.RenderSpec;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Throughput of {@link LocalRenderer}: frames per second and the real-time ratio (seconds of video
 * per second of wall time) for 720p and 1080p clips of 4, 8 and 12 seconds at 24 fps.
 *
 * <p>A plain harness, not a test: it warms the JIT up with a few untimed renders, then times
 * several renders of each case and prints the median and best frame rates, the real-time ratio of
 * the median, the process CPU time per frame (best run; a figure that other load on the machine
 * does not inflate much), the peak old-generation heap after collections (which should not grow
 * with the clip's length) and the system load average when the case finished.
 *
 * <pre>
 * ./mvnw -q -pl reelgate-render test-compile exec:java \
 *     -Dexec.mainClass=io.reelgate.render.bench.RenderBenchmark -Dexec.classpathScope=test \
 *     [-Dexec.args="--threads 2 --runs 3 --modes TEXT,IMAGE"]
 * </pre>
 */
public final class RenderBenchmark {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private RenderBenchmark() {}

  public static void main(String[] args) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    int runs = 3;
    List<RenderMode> modes = List.of(RenderMode.TEXT, RenderMode.IMAGE);
    int[][] sizes = {{1280, 720}, {1920, 1080}};
    int[] durations = {4, 8, 12};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--modes" ->
            modes = Arrays.stream(args[++i].split(",")).map(RenderMode::valueOf).toList();
        case "--durations" ->
            durations = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    LocalRenderer renderer = new LocalRenderer(threads);
    Path dir = Files.createTempDirectory("reelgate-bench");
    byte[] photo = photo(1920, 1080);
    System.out.printf(
        Locale.ROOT,
        "LocalRenderer benchmark: %d threads, %d processors, %s %s, max heap %d MiB%n",
        threads,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);

    // Warm-up: let the JIT compile the drawing and encoding paths before anything is timed.
    for (int[] size : sizes) {
      for (RenderMode mode : modes) {
        for (int i = 0; i < 2; i++) {
          render(renderer, spec(mode, size, 4, photo), dir);
        }
      }
    }

    System.out.printf(
        Locale.ROOT,
        "%-6s %-10s %6s %7s %12s %10s %10s %14s%n",
        "mode",
        "size",
        "length",
        "frames",
        "median fps",
        "best fps",
        "x realtime",
        "peak heap MiB");
    for (RenderMode mode : modes) {
      for (int[] size : sizes) {
        for (int seconds : durations) {
          RenderSpec spec = spec(mode, size, seconds, photo);
          double[] fps = new double[runs];
          long peak = 0;
          long cpu = Long.MAX_VALUE;
          for (int r = 0; r < runs; r++) {
            System.gc();
            HeapWatcher watcher = new HeapWatcher();
            watcher.start();
            long c0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            RenderResult result = render(renderer, spec, dir);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            cpu = Math.min(cpu, OS.getProcessCpuTime() - c0);
            watcher.halt();
            peak = Math.max(peak, watcher.peak);
            fps[r] = result.frames() / elapsed;
          }
          double[] sorted = fps.clone();
          Arrays.sort(sorted);
          double median =
              runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
          System.out.printf(
              Locale.ROOT,
              "%-6s %-10s %5ds %7d %10.1f %9.1f %10.2f %12.1f %9d %8.2f%n",
              mode,
              size[0] + "x" + size[1],
              seconds,
              spec.frameCount(),
              median,
              sorted[runs - 1],
              median / spec.fps(),
              cpu / 1e6 / spec.frameCount(),
              peak >> 20,
              OS.getSystemLoadAverage());
        }
      }
    }
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  private static RenderSpec spec(RenderMode mode, int[] size, int seconds, byte[] photo) {
    return new RenderSpec(
        mode,
        size[0],
        size[1],
        seconds,
        24,
        "lanterns drifting over a harbour city at dusk, slow pan",
        2026,
        mode == RenderMode.TEXT ? List.of() : List.of(photo));
  }

  private static RenderResult render(LocalRenderer renderer, RenderSpec spec, Path dir)
      throws Exception {
    return renderer.render(spec, dir.resolve("bench.mp4"), dir.resolve("bench.jpg"));
  }

  /** A 1080p synthetic photograph as a JPEG. */
  private static byte[] photo(int w, int h) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, new Color(0x1E3C72), 0, h, new Color(0xF5AF19)));
    g.fillRect(0, 0, w, h);
    java.util.Random rnd = new java.util.Random(1);
    for (int i = 0; i < 400; i++) {
      g.setColor(new Color(rnd.nextInt(0xFFFFFF)));
      int s = 8 + rnd.nextInt(120);
      g.fillOval(rnd.nextInt(w), rnd.nextInt(h), s, s);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", out);
    return out.toByteArray();
  }

  /** Samples heap use every few milliseconds; the peak bounds the renderer's working set. */
  private static final class HeapWatcher {
    volatile long peak;
    private final List<MemoryPoolMXBean> pools = new ArrayList<>();
    private final ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "heap-watcher");
              t.setDaemon(true);
              return t;
            });

    HeapWatcher() {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()) {
          pools.add(pool);
        }
      }
    }

    void start() {
      sampler.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.MILLISECONDS);
    }

    private void sample() {
      long used = 0;
      for (MemoryPoolMXBean pool : pools) {
        // Old generation after the last collection: what survives, not garbage awaiting GC.
        var usage = pool.getCollectionUsage();
        if (usage != null && pool.getName().toLowerCase(Locale.ROOT).contains("old")) {
          used += usage.getUsed();
        }
      }
      peak = Math.max(peak, used);
    }

    void halt() throws InterruptedException {
      sampler.shutdown();
      sampler.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
