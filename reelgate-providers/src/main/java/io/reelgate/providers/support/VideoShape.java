package io.reelgate.providers.support;

import io.reelgate.core.request.OutputSize;

/** The names upstreams give a frame size: {@code 16:9} and {@code 720p}. */
public final class VideoShape {
  private VideoShape() {}

  /** The reduced aspect ratio, {@code 16:9} for 1280x720. */
  public static String aspectRatio(OutputSize size) {
    int g = gcd(size.width(), size.height());
    return size.width() / g + ":" + size.height() / g;
  }

  /** The resolution tier named by the shorter side, {@code 720p} for 1280x720. */
  public static String resolution(OutputSize size) {
    return Math.min(size.width(), size.height()) + "p";
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
