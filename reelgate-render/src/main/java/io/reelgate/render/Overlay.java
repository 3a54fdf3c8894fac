package io.reelgate.render;

import java.awt.image.BufferedImage;

/**
 * A translucent still (caption, mark) converted once to YUV with per-pixel coverage, composited
 * onto frames at a fixed position.
 */
final class Overlay {
  private final int x0;
  private final int y0;
  private final int w;
  private final int h;
  private final short[] alphaY;
  private final byte[] valueY;
  private final short[] alphaC;
  private final byte[] valueU;
  private final byte[] valueV;

  /** Converts an ARGB image to be drawn with its top-left corner at (x, y); x and y are even. */
  Overlay(BufferedImage argb, int x, int y) {
    this.x0 = x & ~1;
    this.y0 = y & ~1;
    this.w = argb.getWidth() & ~1;
    this.h = argb.getHeight() & ~1;
    int[] px = argb.getRGB(0, 0, w, h, null, 0, w);
    alphaY = new short[w * h];
    valueY = new byte[w * h];
    for (int i = 0; i < px.length; i++) {
      int a = px[i] >>> 24;
      alphaY[i] = (short) ((a * 256 + 127) / 255);
      valueY[i] = (byte) (YuvFrame.lumaOf(px[i]) - 128);
    }
    int cw = w / 2;
    int ch = h / 2;
    alphaC = new short[cw * ch];
    valueU = new byte[cw * ch];
    valueV = new byte[cw * ch];
    for (int cy = 0; cy < ch; cy++) {
      for (int cx = 0; cx < cw; cx++) {
        int sumA = 0;
        int sumU = 0;
        int sumV = 0;
        for (int k = 0; k < 4; k++) {
          int p = px[(2 * cy + (k >> 1)) * w + 2 * cx + (k & 1)];
          int a = p >>> 24;
          sumA += a;
          sumU += a * YuvFrame.cbOf(p);
          sumV += a * YuvFrame.crOf(p);
        }
        int i = cy * cw + cx;
        alphaC[i] = (short) ((sumA * 64 + 127) / 255);
        valueU[i] = (byte) ((sumA == 0 ? 128 : (sumU + sumA / 2) / sumA) - 128);
        valueV[i] = (byte) ((sumA == 0 ? 128 : (sumV + sumA / 2) / sumA) - 128);
      }
    }
  }

  /** Composites the overlay, scaled in opacity by {@code opacity} (0..256). */
  void draw(YuvFrame f, int opacity) {
    if (opacity <= 0) {
      return;
    }
    int xEnd = Math.min(w, f.width - x0);
    int yEnd = Math.min(h, f.height - y0);
    for (int yy = Math.max(0, -y0); yy < yEnd; yy++) {
      int so = yy * w;
      int d = (y0 + yy) * f.strideY + x0;
      for (int xx = Math.max(0, -x0); xx < xEnd; xx++) {
        int a = alphaY[so + xx] * opacity >> 8;
        if (a > 0) {
          int cur = f.y[d + xx];
          f.y[d + xx] = (byte) (cur + (((valueY[so + xx] - cur) * a + 128) >> 8));
        }
      }
    }
    int cw = w / 2;
    for (int cy = Math.max(0, -y0 / 2); cy < yEnd / 2; cy++) {
      int so = cy * cw;
      int d = (y0 / 2 + cy) * f.strideC + x0 / 2;
      for (int cx = Math.max(0, -x0 / 2); cx < xEnd / 2; cx++) {
        int a = alphaC[so + cx] * opacity >> 8;
        if (a > 0) {
          int cu = f.u[d + cx];
          int cv = f.v[d + cx];
          f.u[d + cx] = (byte) (cu + (((valueU[so + cx] - cu) * a + 128) >> 8));
          f.v[d + cx] = (byte) (cv + (((valueV[so + cx] - cv) * a + 128) >> 8));
        }
      }
    }
  }
}
