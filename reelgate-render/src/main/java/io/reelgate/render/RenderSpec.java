package io.reelgate.render;

import java.util.List;
import java.util.Objects;

/**
 * What to render: the output geometry and timing, and the inputs of the scene.
 *
 * @param mode how the inputs are turned into motion
 * @param width output width in pixels (even)
 * @param height output height in pixels (even)
 * @param durationSeconds clip length in seconds
 * @param fps frames per second
 * @param prompt the text the clip illustrates (shown as a caption)
 * @param seed seed of every pseudo-random choice; same spec and seed give byte-identical output
 * @param images encoded input images (JPEG, PNG or WebP bytes), in the order the mode expects
 */
public record RenderSpec(
    RenderMode mode,
    int width,
    int height,
    double durationSeconds,
    int fps,
    String prompt,
    long seed,
    List<byte[]> images) {

  public static final int DEFAULT_FPS = 24;

  public RenderSpec {
    Objects.requireNonNull(mode, "mode");
    prompt = prompt == null ? "" : prompt;
    images = images == null ? List.of() : List.copyOf(images);
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("width and height must be positive and even");
    }
    if (durationSeconds <= 0 || fps <= 0) {
      throw new IllegalArgumentException("durationSeconds and fps must be positive");
    }
  }

  /** Number of frames in the clip. */
  public int frameCount() {
    return (int) Math.round(durationSeconds * fps);
  }
}
