package io.reelgate.render;

import java.awt.image.BufferedImage;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;

/**
 * A 4:2:0 frame in limited-range BT.601 YUV, stored the way JCodec expects: each sample {@code s}
 * (16..235 for luma, 16..240 for chroma) is held as the signed byte {@code s - 128}. The planes are
 * padded to whole 16x16 macroblocks; {@link #width} and {@link #height} are the visible size.
 */
final class YuvFrame {
  final int width;
  final int height;
  final int strideY;
  final int strideC;
  final byte[] y;
  final byte[] u;
  final byte[] v;
  final Picture picture;

  YuvFrame(int width, int height) {
    this.width = width;
    this.height = height;
    int paddedW = (width + 15) & ~15;
    int paddedH = (height + 15) & ~15;
    this.picture =
        Picture.createCropped(paddedW, paddedH, ColorSpace.YUV420J, new Rect(0, 0, width, height));
    this.strideY = paddedW;
    this.strideC = paddedW / 2;
    this.y = picture.getPlaneData(0);
    this.u = picture.getPlaneData(1);
    this.v = picture.getPlaneData(2);
  }

  /** Repeats the last visible row and column into the padding, which helps the encoder. */
  void padEdges() {
    padPlane(y, strideY, width, height, picture.getHeight());
    padPlane(u, strideC, width / 2, height / 2, picture.getHeight() / 2);
    padPlane(v, strideC, width / 2, height / 2, picture.getHeight() / 2);
  }

  private static void padPlane(byte[] p, int stride, int w, int h, int paddedH) {
    if (w < stride) {
      for (int row = 0; row < h; row++) {
        int off = row * stride;
        java.util.Arrays.fill(p, off + w, off + stride, p[off + w - 1]);
      }
    }
    for (int row = h; row < paddedH; row++) {
      System.arraycopy(p, (h - 1) * stride, p, row * stride, stride);
    }
  }

  /** Converts the visible area to an RGB image (for the poster frame). */
  BufferedImage toImage() {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[width];
    for (int yy = 0; yy < height; yy++) {
      int offY = yy * strideY;
      int offC = (yy >> 1) * strideC;
      for (int xx = 0; xx < width; xx++) {
        int c = (y[offY + xx] + 128) - 16;
        int d = (u[offC + (xx >> 1)]);
        int e = (v[offC + (xx >> 1)]);
        int r = clamp((298 * c + 409 * e + 128) >> 8);
        int g = clamp((298 * c - 100 * d - 208 * e + 128) >> 8);
        int b = clamp((298 * c + 516 * d + 128) >> 8);
        row[xx] = (r << 16) | (g << 8) | b;
      }
      img.setRGB(0, yy, width, 1, row, 0, width);
    }
    return img;
  }

  static int clamp(int x) {
    return x < 0 ? 0 : Math.min(x, 255);
  }

  /** Limited-range BT.601 luma of an RGB colour (16..235). */
  static int lumaOf(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
  }

  /** Limited-range BT.601 Cb of an RGB colour (16..240). */
  static int cbOf(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128;
  }

  /** Limited-range BT.601 Cr of an RGB colour (16..240). */
  static int crOf(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128;
  }
}
