package io.reelgate.render;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** The caption (the prompt, wrapped) and the "preview" mark, drawn once with Java2D. */
final class Captions {
  static final int MAX_LINES = 3;

  private Captions() {}

  /**
   * The prompt as a caption at the bottom of the frame: at most {@link #MAX_LINES} lines inside the
   * title-safe area, on a translucent dark panel. Null if text cannot be drawn here.
   */
  static Overlay caption(String prompt, int width, int height) {
    try {
      int fontPx = Math.max(10, (int) Math.round(height * 0.045));
      Font font = new Font(Font.SANS_SERIF, Font.PLAIN, fontPx);
      int marginX = (int) Math.round(width * 0.07);
      int marginBottom = (int) Math.round(height * 0.07);
      int pad = Math.max(3, fontPx / 2);
      int maxText = Math.max(fontPx * 3, width - 2 * marginX - 2 * pad);

      BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
      Graphics2D pg = probe.createGraphics();
      pg.setFont(font);
      pg.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      FontMetrics fm = pg.getFontMetrics();
      List<String> lines = wrap(prompt.replaceAll("\\s+", " ").strip(), fm, maxText);
      int textW = 0;
      for (String l : lines) {
        textW = Math.max(textW, fm.stringWidth(l));
      }
      int lineH = fm.getHeight();
      pg.dispose();

      int boxW = (textW + 2 * pad + 1) & ~1;
      int boxH = (lines.size() * lineH + 2 * pad + 1) & ~1;
      BufferedImage img = new BufferedImage(boxW, boxH, BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = img.createGraphics();
      hints(g);
      g.setFont(font);
      g.setComposite(AlphaComposite.Src);
      g.setColor(new Color(0, 0, 0, 120));
      float arc = Math.max(4, fontPx * 0.6f);
      g.fill(new RoundRectangle2D.Float(0, 0, boxW, boxH, arc, arc));
      g.setComposite(AlphaComposite.SrcOver);
      int baseline = pad + fm.getAscent();
      for (String l : lines) {
        int x = (boxW - fm.stringWidth(l)) / 2;
        g.setColor(new Color(0, 0, 0, 160));
        g.drawString(l, x + Math.max(1, fontPx / 16), baseline + Math.max(1, fontPx / 16));
        g.setColor(new Color(250, 250, 250));
        g.drawString(l, x, baseline);
        baseline += lineH;
      }
      g.dispose();
      int x = (width - boxW) / 2;
      int y = height - marginBottom - boxH;
      return new Overlay(img, Math.max(0, x), Math.max(0, y));
    } catch (RuntimeException | Error e) {
      // A headless JVM without usable fonts: the clip is still useful without its caption.
      return null;
    }
  }

  /** A small "PREVIEW" label in the top-right corner, inside the safe area. */
  static Overlay previewMark(int width, int height) {
    try {
      int fontPx = Math.max(8, (int) Math.round(height * 0.028));
      Font font = new Font(Font.SANS_SERIF, Font.BOLD, fontPx);
      BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
      Graphics2D pg = probe.createGraphics();
      FontMetrics fm = pg.getFontMetrics(font);
      String text = "PREVIEW";
      int padX = Math.max(3, fontPx / 2);
      int padY = Math.max(2, fontPx / 4);
      int w = (fm.stringWidth(text) + 2 * padX + 1) & ~1;
      int h = (fm.getAscent() + fm.getDescent() + 2 * padY + 1) & ~1;
      pg.dispose();
      BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = img.createGraphics();
      hints(g);
      g.setFont(font);
      g.setColor(new Color(0, 0, 0, 90));
      float arc = h * 0.5f;
      g.fill(new RoundRectangle2D.Float(0, 0, w, h, arc, arc));
      g.setStroke(new BasicStroke(Math.max(1f, fontPx / 12f)));
      g.setColor(new Color(255, 255, 255, 150));
      g.draw(new RoundRectangle2D.Float(0.5f, 0.5f, w - 1, h - 1, arc, arc));
      g.setColor(new Color(255, 255, 255, 210));
      g.drawString(text, padX, padY + fm.getAscent());
      g.dispose();
      int margin = (int) Math.round(height * 0.05);
      return new Overlay(img, width - margin - w, margin);
    } catch (RuntimeException | Error e) {
      return null;
    }
  }

  private static void hints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
  }

  /** Greedy word wrap; the last line ends in an ellipsis when the text does not fit. */
  static List<String> wrap(String text, FontMetrics fm, int maxWidth) {
    List<String> lines = new ArrayList<>();
    String[] words = text.split(" ");
    StringBuilder line = new StringBuilder();
    int i = 0;
    while (i < words.length && lines.size() < MAX_LINES) {
      String w = words[i];
      String candidate = line.isEmpty() ? w : line + " " + w;
      if (fm.stringWidth(candidate) <= maxWidth) {
        line.setLength(0);
        line.append(candidate);
        i++;
      } else if (line.isEmpty()) {
        // A single word wider than the line: break it.
        int cut = w.length();
        while (cut > 1 && fm.stringWidth(w.substring(0, cut)) > maxWidth) {
          cut--;
        }
        lines.add(w.substring(0, cut));
        words[i] = w.substring(cut);
      } else {
        lines.add(line.toString());
        line.setLength(0);
      }
    }
    if (!line.isEmpty() && lines.size() < MAX_LINES) {
      lines.add(line.toString());
    }
    if (i < words.length && !lines.isEmpty()) {
      String last = lines.get(lines.size() - 1);
      while (!last.isEmpty() && fm.stringWidth(last + "\u2026") > maxWidth) {
        last = last.substring(0, last.length() - 1).stripTrailing();
      }
      lines.set(lines.size() - 1, last + "\u2026");
    }
    return lines;
  }
}
