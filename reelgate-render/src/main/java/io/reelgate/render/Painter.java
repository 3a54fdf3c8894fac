package io.reelgate.render;

import java.util.Arrays;

/** Antialiased drawing straight into the planes of a {@link YuvFrame}. */
final class Painter {
  enum Shape {
    DISC,
    GLOW,
    RING,
    DIAMOND
  }

  private Painter() {}

  /** A colour as signed limited-range Y, Cb, Cr. */
  record Yuv(int y, int u, int v) {
    static Yuv of(int rgb) {
      return new Yuv(
          YuvFrame.lumaOf(rgb) - 128, YuvFrame.cbOf(rgb) - 128, YuvFrame.crOf(rgb) - 128);
    }

    Yuv mix(Yuv o, double t) {
      return new Yuv(
          (int) Math.round(y + (o.y - y) * t),
          (int) Math.round(u + (o.u - u) * t),
          (int) Math.round(v + (o.v - v) * t));
    }
  }

  /** Fills every visible row with colour {@code rows[row]}; {@code rows} has one entry per row. */
  static void fillRows(YuvFrame f, Yuv[] rows) {
    for (int y = 0; y < f.height; y++) {
      int o = y * f.strideY;
      Arrays.fill(f.y, o, o + f.width, (byte) rows[y].y());
    }
    for (int cy = 0; cy < f.height / 2; cy++) {
      Yuv c = rows[Math.min(f.height - 1, 2 * cy + 1)];
      int o = cy * f.strideC;
      Arrays.fill(f.u, o, o + f.width / 2, (byte) c.u());
      Arrays.fill(f.v, o, o + f.width / 2, (byte) c.v());
    }
  }

  /**
   * Fills everything below the curve {@code top[x]} (a fractional row per column) with a colour,
   * antialiasing the edge.
   */
  static void fillBelow(YuvFrame f, double[] top, Yuv c, int alpha) {
    double min = Double.MAX_VALUE;
    for (int x = 0; x < f.width; x++) {
      min = Math.min(min, top[x]);
    }
    int yStart = Math.max(0, (int) Math.floor(min));
    byte cy = (byte) c.y();
    for (int y = yStart; y < f.height; y++) {
      int o = y * f.strideY;
      for (int x = 0; x < f.width; x++) {
        double cov = y + 1 - top[x];
        if (cov <= 0) {
          continue;
        }
        int a = cov >= 1 ? alpha : (int) (cov * alpha);
        if (a >= 256) {
          f.y[o + x] = cy;
        } else {
          int cur = f.y[o + x];
          f.y[o + x] = (byte) (cur + (((c.y() - cur) * a + 128) >> 8));
        }
      }
    }
    int cw = f.width / 2;
    for (int y = yStart / 2; y < f.height / 2; y++) {
      int o = y * f.strideC;
      for (int x = 0; x < cw; x++) {
        double t = (top[2 * x] + top[2 * x + 1]) * 0.25;
        double cov = y + 1 - t;
        if (cov <= 0) {
          continue;
        }
        int a = cov >= 1 ? alpha : (int) (cov * alpha);
        int cu = f.u[o + x];
        int cv = f.v[o + x];
        f.u[o + x] = (byte) (cu + (((c.u() - cu) * a + 128) >> 8));
        f.v[o + x] = (byte) (cv + (((c.v() - cv) * a + 128) >> 8));
      }
    }
  }

  /**
   * Draws a shape centred at (cx, cy) with radius r (luma pixels), rotated by {@code angle}, with
   * opacity {@code alpha} (0..1).
   */
  static void shape(
      YuvFrame f, Shape shape, double cx, double cy, double r, double angle, Yuv c, double alpha) {
    if (alpha <= 0.004 || r <= 0.2) {
      return;
    }
    double reach = shape == Shape.DIAMOND ? r * 1.5 + 1 : r + 1;
    int x0 = Math.max(0, (int) Math.floor(cx - reach));
    int x1 = Math.min(f.width - 1, (int) Math.ceil(cx + reach));
    int y0 = Math.max(0, (int) Math.floor(cy - reach));
    int y1 = Math.min(f.height - 1, (int) Math.ceil(cy + reach));
    if (x0 > x1 || y0 > y1) {
      return;
    }
    double cos = StrictMath.cos(angle);
    double sin = StrictMath.sin(angle);
    double ring = Math.max(1.2, r * 0.16);
    int a256 = (int) Math.round(alpha * 256);
    for (int y = y0; y <= y1; y++) {
      int o = y * f.strideY;
      double dy = y + 0.5 - cy;
      for (int x = x0; x <= x1; x++) {
        double dx = x + 0.5 - cx;
        double cov = coverage(shape, dx, dy, r, cos, sin, ring);
        if (cov > 0) {
          int a = (int) (cov * a256);
          int cur = f.y[o + x];
          f.y[o + x] = (byte) (cur + (((c.y() - cur) * a + 128) >> 8));
        }
      }
    }
    for (int y = y0 / 2; y <= y1 / 2 && y < f.height / 2; y++) {
      int o = y * f.strideC;
      double dy = 2 * y + 1 - cy;
      for (int x = x0 / 2; x <= x1 / 2 && x < f.width / 2; x++) {
        double dx = 2 * x + 1 - cx;
        double cov = coverage(shape, dx, dy, r, cos, sin, ring);
        if (cov > 0) {
          int a = (int) (cov * a256);
          int cu = f.u[o + x];
          int cv = f.v[o + x];
          f.u[o + x] = (byte) (cu + (((c.u() - cu) * a + 128) >> 8));
          f.v[o + x] = (byte) (cv + (((c.v() - cv) * a + 128) >> 8));
        }
      }
    }
  }

  private static double coverage(
      Shape shape, double dx, double dy, double r, double cos, double sin, double ring) {
    switch (shape) {
      case DISC -> {
        double d2 = dx * dx + dy * dy;
        if (d2 > (r + 0.5) * (r + 0.5)) {
          return 0;
        }
        return clamp01(r - Math.sqrt(d2) + 0.5);
      }
      case GLOW -> {
        double d2 = dx * dx + dy * dy;
        if (d2 >= r * r) {
          return 0;
        }
        double k = 1 - Math.sqrt(d2) / r;
        return k * k;
      }
      case RING -> {
        double d = Math.sqrt(dx * dx + dy * dy);
        return clamp01(ring / 2 - Math.abs(d - r + ring / 2) + 0.5);
      }
      case DIAMOND -> {
        double rx = dx * cos + dy * sin;
        double ry = -dx * sin + dy * cos;
        // A rhombus twice as long as it is wide: a petal or a shard.
        double e = Math.abs(rx) / 1.4 + Math.abs(ry) / 0.7;
        return clamp01((r - e) * 0.6 + 0.5);
      }
      default -> {
        return 0;
      }
    }
  }

  private static double clamp01(double v) {
    return v < 0 ? 0 : Math.min(v, 1);
  }
}
