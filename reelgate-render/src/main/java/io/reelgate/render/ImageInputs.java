package io.reelgate.render;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Decodes input images and fits them to the output frame without distorting them. */
final class ImageInputs {
  /**
   * Inputs whose aspect ratio differs from the frame's by at most this factor are cropped to fill
   * the frame (4:3 into 16:9 loses a quarter of the height); others are letterboxed over a blurred,
   * dimmed copy of themselves.
   */
  static final double MAX_CROP_RATIO = 1.34;

  private ImageInputs() {}

  /** Decodes JPEG, PNG or WebP bytes. */
  static BufferedImage decode(byte[] bytes, int index) {
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new RenderException(
          "image " + index + " cannot be decoded: " + e.getMessage(), true, e);
    }
    if (img == null) {
      throw new RenderException(
          "image " + index + " is not a JPEG, PNG or WebP image this renderer can read",
          true,
          null);
    }
    if (img.getWidth() < 1 || img.getHeight() < 1) {
      throw new RenderException("image " + index + " is empty", true, null);
    }
    return img;
  }

  /**
   * Returns an RGB image of exactly {@code w} x {@code h} showing {@code src} cropped or
   * letterboxed to that aspect ratio.
   */
  static BufferedImage fit(BufferedImage src, int w, int h) {
    double srcAspect = (double) src.getWidth() / src.getHeight();
    double dstAspect = (double) w / h;
    double ratio = Math.max(srcAspect / dstAspect, dstAspect / srcAspect);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.BLACK);
      g.fillRect(0, 0, w, h);
      if (ratio <= MAX_CROP_RATIO) {
        drawCover(g, src, w, h);
      } else {
        // Blurred background: the cover crop shrunk to a few pixels and stretched back.
        int tw = Math.max(2, w / 24);
        int th = Math.max(2, h / 24);
        BufferedImage tiny = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D tg = tiny.createGraphics();
        tg.setRenderingHint(
            RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        drawCover(tg, shrink(src, tw * 4, th * 4), tw, th);
        tg.dispose();
        g.setRenderingHint(
            RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(tiny, 0, 0, w, h, null);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.55f));
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, w, h);
        g.setComposite(AlphaComposite.SrcOver);
        double s = Math.min((double) w / src.getWidth(), (double) h / src.getHeight());
        int dw = Math.max(1, (int) Math.round(src.getWidth() * s));
        int dh = Math.max(1, (int) Math.round(src.getHeight() * s));
        BufferedImage scaled = scale(src, 0, 0, src.getWidth(), src.getHeight(), dw, dh);
        g.drawImage(scaled, (w - dw) / 2, (h - dh) / 2, null);
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  private static void drawCover(Graphics2D g, BufferedImage src, int w, int h) {
    double s = Math.max((double) w / src.getWidth(), (double) h / src.getHeight());
    double cw = w / s;
    double ch = h / s;
    int sx = (int) Math.round((src.getWidth() - cw) / 2);
    int sy = (int) Math.round((src.getHeight() - ch) / 2);
    int sw = Math.max(1, (int) Math.round(cw));
    int sh = Math.max(1, (int) Math.round(ch));
    g.drawImage(scale(src, sx, sy, sw, sh, w, h), 0, 0, null);
  }

  private static BufferedImage shrink(BufferedImage src, int maxW, int maxH) {
    if (src.getWidth() <= maxW * 2 && src.getHeight() <= maxH * 2) {
      return src;
    }
    double s = Math.max((double) maxW / src.getWidth(), (double) maxH / src.getHeight());
    int w = Math.max(1, (int) Math.round(src.getWidth() * s));
    int h = Math.max(1, (int) Math.round(src.getHeight() * s));
    return scale(src, 0, 0, src.getWidth(), src.getHeight(), w, h);
  }

  /**
   * Scales the region (sx, sy, sw, sh) of src to dw x dh. Large reductions go in steps of at most
   * one half, so that bilinear filtering does not alias.
   */
  static BufferedImage scale(BufferedImage src, int sx, int sy, int sw, int sh, int dw, int dh) {
    BufferedImage cur = src;
    int cx = sx;
    int cy = sy;
    int cw = sw;
    int ch = sh;
    while (cw / 2 >= dw && ch / 2 >= dh) {
      int nw = Math.max(dw, cw / 2);
      int nh = Math.max(dh, ch / 2);
      cur = draw(cur, cx, cy, cw, ch, nw, nh);
      cx = 0;
      cy = 0;
      cw = nw;
      ch = nh;
    }
    return draw(cur, cx, cy, cw, ch, dw, dh);
  }

  private static BufferedImage draw(
      BufferedImage src, int sx, int sy, int sw, int sh, int dw, int dh) {
    BufferedImage out = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setColor(Color.BLACK);
      g.fillRect(0, 0, dw, dh);
      g.drawImage(src, 0, 0, dw, dh, sx, sy, sx + sw, sy + sh, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
