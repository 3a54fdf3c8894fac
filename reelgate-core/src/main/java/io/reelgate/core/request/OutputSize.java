package io.reelgate.core.request;

/**
 * The frame size of the video. When {@code followImage} is set, {@code width}×{@code height} is the
 * landscape form and the orientation is taken from the first input image once it is known.
 */
public record OutputSize(int width, int height, boolean followImage) {

  public OutputSize {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("size must be positive");
    }
  }

  public static OutputSize of(int width, int height) {
    return new OutputSize(width, height, false);
  }

  /** A resolution tier whose orientation follows the input image (e.g. sora-2-pro's 1080p). */
  public static OutputSize followingImage(int longSide, int shortSide) {
    return new OutputSize(longSide, shortSide, true);
  }

  /** The longer side, which names the resolution tier (1280 → 720p, 1920 → 1080p). */
  public int longSide() {
    return Math.max(width, height);
  }

  /** The concrete size for an image of the given dimensions. */
  public OutputSize resolveFor(int imageWidth, int imageHeight) {
    if (!followImage) {
      return this;
    }
    int longer = Math.max(width, height);
    int shorter = Math.min(width, height);
    return imageHeight > imageWidth ? of(shorter, longer) : of(longer, shorter);
  }

  /** {@code 1280x720}, or {@code 720p} for a tier that follows the image. */
  public String label() {
    return followImage ? Math.min(width, height) + "p" : width + "x" + height;
  }

  /**
   * Parses {@code 1280x720} (also {@code 1280*720}) as a fixed size, and {@code 720p} as a 16:9
   * tier that follows the image's orientation.
   *
   * @throws IllegalArgumentException when the text is neither
   */
  public static OutputSize parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.matches("[1-9][0-9]{1,4}p")) {
      int shortSide = Integer.parseInt(t.substring(0, t.length() - 1));
      return followingImage(shortSide * 16 / 9, shortSide);
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([1-9][0-9]{1,4})[x*]([1-9][0-9]{1,4})").matcher(t);
    if (m.matches()) {
      return of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    throw new IllegalArgumentException("not a size: " + text);
  }
}
