package io.reelgate.render;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Picture;

/** Test helpers: decoding clips with JCodec, comparing pictures, reading MP4 boxes. */
final class Clips {
  private Clips() {}

  /** Every frame of the clip, decoded with JCodec and cropped to the visible size. */
  static List<Picture> decode(Path mp4) throws Exception {
    List<Picture> frames = new ArrayList<>();
    try (SeekableByteChannel ch = NIOUtils.readableChannel(mp4.toFile())) {
      FrameGrab grab = FrameGrab.createFrameGrab(ch);
      Picture p;
      while ((p = grab.getNativeFrame()) != null) {
        frames.add(p.cropped());
      }
    }
    return frames;
  }

  /** Converts a decoded limited-range BT.601 picture to RGB. */
  static BufferedImage toRgb(Picture p) {
    int w = p.getWidth();
    int h = p.getHeight();
    byte[] y = p.getPlaneData(0);
    byte[] u = p.getPlaneData(1);
    byte[] v = p.getPlaneData(2);
    int cw = p.getPlaneWidth(1);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int yy = 0; yy < h; yy++) {
      for (int xx = 0; xx < w; xx++) {
        int c = y[yy * w + xx] + 128 - 16;
        int d = u[(yy >> 1) * cw + (xx >> 1)];
        int e = v[(yy >> 1) * cw + (xx >> 1)];
        int r = clamp((298 * c + 409 * e + 128) >> 8);
        int g = clamp((298 * c - 100 * d - 208 * e + 128) >> 8);
        int b = clamp((298 * c + 516 * d + 128) >> 8);
        img.setRGB(xx, yy, (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }

  private static int clamp(int x) {
    return x < 0 ? 0 : Math.min(x, 255);
  }

  /** PSNR over the R, G and B channels, in dB. */
  static double psnr(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      throw new IllegalArgumentException("sizes differ");
    }
    double se = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int s = 0; s <= 16; s += 8) {
          int d = ((p >> s) & 0xFF) - ((q >> s) & 0xFF);
          se += d * d;
        }
      }
    }
    double mse = se / (3.0 * a.getWidth() * a.getHeight());
    return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  /** Mean absolute difference of the luma planes of two pictures of the same size. */
  static double meanLumaDifference(Picture a, Picture b) {
    byte[] x = a.getPlaneData(0);
    byte[] y = b.getPlaneData(0);
    long sum = 0;
    for (int i = 0; i < a.getWidth() * a.getHeight(); i++) {
      sum += Math.abs(x[i] - y[i]);
    }
    return sum / (double) (a.getWidth() * a.getHeight());
  }

  /**
   * Scales an image to w x h by area averaging (what a viewer would expect to see), independently
   * of the renderer's own scaling code.
   */
  static BufferedImage scaled(BufferedImage src, int w, int h) {
    java.awt.Image smooth = src.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(smooth, 0, 0, null);
    g.dispose();
    return out;
  }

  /** A smooth synthetic photograph: a gradient sky, soft blobs and a horizon. */
  static BufferedImage picture(int w, int h, long seed) {
    Random rnd = new Random(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    Color top = new Color(rnd.nextInt(0xFFFFFF));
    Color bottom = new Color(rnd.nextInt(0xFFFFFF));
    g.setPaint(new GradientPaint(0, 0, top, 0, h, bottom));
    g.fillRect(0, 0, w, h);
    for (int i = 0; i < 6; i++) {
      float cx = rnd.nextFloat() * w;
      float cy = rnd.nextFloat() * h;
      float r = (0.1f + rnd.nextFloat() * 0.25f) * Math.min(w, h);
      Color c = new Color(rnd.nextInt(0xFFFFFF));
      g.setPaint(
          new RadialGradientPaint(
              cx,
              cy,
              r,
              new float[] {0f, 1f},
              new Color[] {c, new Color(c.getRGB() & 0xFFFFFF, true)}));
      g.fillOval((int) (cx - r), (int) (cy - r), (int) (2 * r), (int) (2 * r));
    }
    g.setPaint(
        new GradientPaint(0, h * 0.7f, new Color(rnd.nextInt(0xFFFFFF)), 0, h, Color.DARK_GRAY));
    g.fillRect(0, (int) (h * 0.7f), w, h);
    g.dispose();
    return img;
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  static byte[] jpeg(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", out);
    return out.toByteArray();
  }

  /** The types of the top-level boxes, in file order. */
  static List<String> topLevelBoxes(Path mp4) throws IOException {
    byte[] f = Files.readAllBytes(mp4);
    List<String> types = new ArrayList<>();
    long pos = 0;
    while (pos + 8 <= f.length) {
      ByteBuffer b = ByteBuffer.wrap(f, (int) pos, 16 > f.length - pos ? 8 : 16);
      long size = b.getInt() & 0xFFFFFFFFL;
      String type = new String(f, (int) pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
      if (size == 1) {
        size = b.getLong();
      } else if (size == 0) {
        size = f.length - pos;
      }
      types.add(type);
      if (size < 8) {
        break;
      }
      pos += size;
    }
    return types;
  }

  /** The payload of the first box of this type anywhere in the file (a naive byte search). */
  static ByteBuffer findBox(Path mp4, String type) throws IOException {
    byte[] f = Files.readAllBytes(mp4);
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 4; i + 4 <= f.length; i++) {
      if (f[i] == t[0] && f[i + 1] == t[1] && f[i + 2] == t[2] && f[i + 3] == t[3]) {
        int size = ByteBuffer.wrap(f, i - 4, 4).getInt();
        if (size >= 8 && i - 4 + size <= f.length) {
          return ByteBuffer.wrap(f, i + 4, size - 8).slice();
        }
      }
    }
    return null;
  }
}
