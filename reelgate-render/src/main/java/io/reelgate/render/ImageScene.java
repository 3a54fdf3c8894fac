package io.reelgate.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Image-based clips: a slow camera move over each image, and cross-fades between images.
 *
 * <p>Each image becomes a shot: an interval of frames and a camera path from one view to another.
 * Neighbouring shots overlap by the length of their transition, during which the later one fades
 * in. The first shot starts on the whole image (the first frame shows the input itself); in
 * first/last clips the last shot ends on the whole last image.
 */
final class ImageScene implements FrameSource {
  /**
   * Images are prepared at exactly the frame size: the whole-image view is then a 1:1 copy (the
   * first frame is the input itself), and every zoom is a mild enlargement, which bilinear sampling
   * does well; shrinking a larger copy would alias and shimmer as the camera moves.
   */
  static final double HEADROOM = 1.0;

  /** A camera position: zoom 1 shows the whole image; cx, cy is the centre (0..1). */
  record View(double zoom, double cx, double cy) {
    static View whole() {
      return new View(1, 0.5, 0.5);
    }
  }

  record Shot(YuvImage image, double start, double end, View from, View to) {}

  private final List<Shot> shots;

  private ImageScene(List<Shot> shots) {
    this.shots = shots;
  }

  static ImageScene create(RenderSpec spec) {
    List<byte[]> inputs = spec.images();
    if (inputs.isEmpty()) {
      throw new RenderException(spec.mode() + " needs at least one image", true, null);
    }
    List<byte[]> used =
        switch (spec.mode()) {
          case IMAGE -> List.of(inputs.get(0));
          case FIRST_LAST ->
              inputs.size() == 1
                  ? List.of(inputs.get(0))
                  : List.of(inputs.get(0), inputs.get(inputs.size() - 1));
          default -> inputs;
        };
    // Decode everything first so a bad input fails fast, naming its position.
    List<YuvImage> images = new ArrayList<>();
    int pw = Math.max(4, even(spec.width() * HEADROOM));
    int ph = Math.max(4, even(spec.height() * HEADROOM));
    for (int i = 0; i < used.size(); i++) {
      int index = spec.mode() == RenderMode.FIRST_LAST && i == 1 ? inputs.size() - 1 : i;
      BufferedImage decoded = ImageInputs.decode(used.get(i), index);
      images.add(YuvImage.fromRgb(ImageInputs.fit(decoded, pw, ph)));
    }
    SplittableRandom rnd = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
    double last = Math.max(1, spec.frameCount() - 1);
    List<Shot> shots = new ArrayList<>();
    if (images.size() == 1) {
      shots.add(new Shot(images.get(0), 0, last, View.whole(), drift(rnd, 1.12)));
    } else if (spec.mode() == RenderMode.FIRST_LAST) {
      double fadeStart = last * 0.3;
      double fadeEnd = last * 0.7;
      shots.add(new Shot(images.get(0), 0, fadeEnd, View.whole(), drift(rnd, 1.1)));
      shots.add(new Shot(images.get(1), fadeStart, last, drift(rnd, 1.1), View.whole()));
    } else {
      int n = images.size();
      double fade = Math.min(spec.fps() * 0.8, last / n * 0.4);
      double length = (last + (n - 1) * fade) / n;
      for (int i = 0; i < n; i++) {
        double start = i * (length - fade);
        double end = i == n - 1 ? last : start + length;
        View a = i == 0 ? View.whole() : drift(rnd, 1.0 + rnd.nextDouble(0.04, 0.1));
        View b = drift(rnd, 1.0 + rnd.nextDouble(0.06, 0.12));
        boolean zoomOut = i > 0 && rnd.nextBoolean();
        shots.add(new Shot(images.get(i), start, end, zoomOut ? b : a, zoomOut ? a : b));
      }
    }
    return new ImageScene(List.copyOf(shots));
  }

  /** A zoomed-in view off-centre in a random direction, as far as the zoom allows. */
  private static View drift(SplittableRandom rnd, double zoom) {
    double angle = rnd.nextDouble(0, Math.PI * 2);
    double room = (1 - 1 / zoom) / 2; // how far the centre can move at this zoom
    double reach = rnd.nextDouble(0.4, 0.9) * room;
    return new View(zoom, 0.5 + StrictMath.cos(angle) * reach, 0.5 + StrictMath.sin(angle) * reach);
  }

  @Override
  public void draw(int index, YuvFrame frame) {
    boolean drawn = false;
    for (int s = 0; s < shots.size(); s++) {
      Shot shot = shots.get(s);
      if (index < shot.start() - 1e-9 || index > shot.end() + 1e-9) {
        continue;
      }
      int alpha = 256;
      if (drawn && s > 0) {
        Shot prev = shots.get(s - 1);
        double overlap = prev.end() - shot.start();
        if (overlap > 0) {
          double t = (index - shot.start()) / overlap;
          alpha = (int) Math.round(smoothstep(t) * 256);
        }
      }
      if (alpha <= 0) {
        continue;
      }
      double span = shot.end() - shot.start();
      double p = span <= 0 ? 0 : easeInOut((index - shot.start()) / span);
      View from = shot.from();
      View to = shot.to();
      // Interpolate the zoom geometrically so the apparent speed stays even.
      double zoom = from.zoom() * StrictMath.pow(to.zoom() / from.zoom(), p);
      double cx = from.cx() + (to.cx() - from.cx()) * p;
      double cy = from.cy() + (to.cy() - from.cy()) * p;
      YuvImage img = shot.image();
      double viewW = img.width / zoom;
      double viewH = viewW * frame.height / frame.width;
      double left = clamp(cx * img.width - viewW / 2, 0, img.width - viewW);
      double top = clamp(cy * img.height - viewH / 2, 0, img.height - viewH);
      img.drawView(frame, left, top, viewW, alpha);
      drawn = true;
    }
  }

  static double smoothstep(double t) {
    t = clamp(t, 0, 1);
    return t * t * (3 - 2 * t);
  }

  static double easeInOut(double t) {
    t = clamp(t, 0, 1);
    return 0.5 - 0.5 * StrictMath.cos(Math.PI * t);
  }

  static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : Math.min(v, hi);
  }

  private static int even(double v) {
    return ((int) Math.round(v)) & ~1;
  }
}
