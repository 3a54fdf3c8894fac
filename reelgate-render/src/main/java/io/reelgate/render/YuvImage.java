package io.reelgate.render;

import java.awt.image.BufferedImage;

/**
 * A still picture converted once to limited-range BT.601 4:2:0 planes (signed, as in {@link
 * YuvFrame}), from which frames are sampled with a moving camera.
 */
final class YuvImage {
  final int width;
  final int height;
  final byte[] y;
  final byte[] u;
  final byte[] v;

  private YuvImage(int width, int height, byte[] y, byte[] u, byte[] v) {
    this.width = width;
    this.height = height;
    this.y = y;
    this.u = u;
    this.v = v;
  }

  /** Converts an RGB image with even dimensions. Chroma is the mean of each 2x2 block. */
  static YuvImage fromRgb(BufferedImage img) {
    int w = img.getWidth() & ~1;
    int h = img.getHeight() & ~1;
    int cw = w / 2;
    byte[] y = new byte[w * h];
    byte[] u = new byte[cw * (h / 2)];
    byte[] v = new byte[cw * (h / 2)];
    int[] row0 = new int[w];
    int[] row1 = new int[w];
    for (int yy = 0; yy < h; yy += 2) {
      img.getRGB(0, yy, w, 1, row0, 0, w);
      img.getRGB(0, yy + 1, w, 1, row1, 0, w);
      for (int xx = 0; xx < w; xx++) {
        y[yy * w + xx] = (byte) (YuvFrame.lumaOf(row0[xx]) - 128);
        y[(yy + 1) * w + xx] = (byte) (YuvFrame.lumaOf(row1[xx]) - 128);
      }
      int co = (yy / 2) * cw;
      for (int cx = 0; cx < cw; cx++) {
        int a = row0[2 * cx];
        int b = row0[2 * cx + 1];
        int c = row1[2 * cx];
        int d = row1[2 * cx + 1];
        int cb = YuvFrame.cbOf(a) + YuvFrame.cbOf(b) + YuvFrame.cbOf(c) + YuvFrame.cbOf(d);
        int cr = YuvFrame.crOf(a) + YuvFrame.crOf(b) + YuvFrame.crOf(c) + YuvFrame.crOf(d);
        u[co + cx] = (byte) (((cb + 2) >> 2) - 128);
        v[co + cx] = (byte) (((cr + 2) >> 2) - 128);
      }
    }
    return new YuvImage(w, h, y, u, v);
  }

  /**
   * Draws the part of this image seen by a camera into {@code frame}. The camera looks at the
   * rectangle with top-left ({@code left}, {@code top}) and width {@code viewWidth}, in this
   * image's pixels; its height follows from the frame's aspect ratio. With {@code alpha} below 256
   * the result is blended over what the frame holds.
   */
  void drawView(YuvFrame frame, double left, double top, double viewWidth, int alpha) {
    double scale = viewWidth / frame.width;
    samplePlane(
        y,
        width,
        height,
        frame.y,
        frame.strideY,
        frame.width,
        frame.height,
        left,
        top,
        scale,
        alpha);
    samplePlane(
        u,
        width / 2,
        height / 2,
        frame.u,
        frame.strideC,
        frame.width / 2,
        frame.height / 2,
        left / 2,
        top / 2,
        scale,
        alpha);
    samplePlane(
        v,
        width / 2,
        height / 2,
        frame.v,
        frame.strideC,
        frame.width / 2,
        frame.height / 2,
        left / 2,
        top / 2,
        scale,
        alpha);
  }

  private static void samplePlane(
      byte[] src,
      int sw,
      int sh,
      byte[] dst,
      int dstStride,
      int dw,
      int dh,
      double left,
      double top,
      double scale,
      int alpha) {
    int[] x0 = new int[dw];
    int[] fx = new int[dw];
    for (int x = 0; x < dw; x++) {
      double sx = left + (x + 0.5) * scale - 0.5;
      if (sx < 0) {
        sx = 0;
      } else if (sx > sw - 1) {
        sx = sw - 1;
      }
      int ix = (int) sx;
      if (ix >= sw - 1) {
        ix = Math.max(0, sw - 2);
      }
      x0[x] = ix;
      fx[x] = (int) Math.round((sx - ix) * 256);
    }
    for (int yy = 0; yy < dh; yy++) {
      double sy = top + (yy + 0.5) * scale - 0.5;
      if (sy < 0) {
        sy = 0;
      } else if (sy > sh - 1) {
        sy = sh - 1;
      }
      int iy = (int) sy;
      if (iy >= sh - 1) {
        iy = Math.max(0, sh - 2);
      }
      int fy = (int) Math.round((sy - iy) * 256);
      int gy = 256 - fy;
      int r0 = iy * sw;
      int r1 = Math.min(iy + 1, sh - 1) * sw;
      int o = yy * dstStride;
      if (alpha >= 256) {
        for (int x = 0; x < dw; x++) {
          int ix = x0[x];
          int f = fx[x];
          int g = 256 - f;
          int top0 = src[r0 + ix] * g + src[r0 + ix + 1] * f;
          int bot0 = src[r1 + ix] * g + src[r1 + ix + 1] * f;
          dst[o + x] = (byte) ((top0 * gy + bot0 * fy + 32768) >> 16);
        }
      } else {
        for (int x = 0; x < dw; x++) {
          int ix = x0[x];
          int f = fx[x];
          int g = 256 - f;
          int top0 = src[r0 + ix] * g + src[r0 + ix + 1] * f;
          int bot0 = src[r1 + ix] * g + src[r1 + ix + 1] * f;
          int val = (top0 * gy + bot0 * fy + 32768) >> 16;
          int cur = dst[o + x];
          dst[o + x] = (byte) (cur + (((val - cur) * alpha + 128) >> 8));
        }
      }
    }
  }
}
