package io.reelgate.render;

import io.reelgate.render.Painter.Shape;
import io.reelgate.render.Painter.Yuv;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A text-to-video preview: an illustrated, moving scene chosen from the prompt and the seed.
 *
 * <p>The prompt's words pick a theme (sea, sunset, forest, night, snow, city, flowers, desert) and
 * may pick the motion and the camera move; the hash of the prompt mixed with the seed picks
 * everything else: the exact hues, the shape of the land, the particles' positions and speeds. So
 * different prompts look different, and the same prompt and seed always give the same frames.
 */
final class TextScene implements FrameSource {
  enum Terrain {
    HILLS,
    WAVES,
    MOUNTAINS,
    SKYLINE,
    DUNES
  }

  enum Motion {
    RISE,
    FALL,
    DRIFT,
    ORBIT,
    TWINKLE
  }

  enum Camera {
    PAN_LEFT,
    PAN_RIGHT,
    PUSH_IN,
    PULL_OUT,
    RISE
  }

  /** A theme's starting point; hues are then shifted a little by the prompt's hash. */
  record Theme(
      String name,
      Set<String> words,
      int skyTop,
      int skyMid,
      int skyHorizon,
      int[] land,
      int[] accents,
      int sun,
      Terrain terrain,
      Motion motion,
      Shape shape,
      boolean stars) {}

  static final List<Theme> THEMES =
      List.of(
          new Theme(
              "sea",
              Set.of(
                  "sea",
                  "ocean",
                  "wave",
                  "waves",
                  "beach",
                  "water",
                  "underwater",
                  "surf",
                  "coast",
                  "lake",
                  "river",
                  "fish",
                  "whale",
                  "boat",
                  "sail",
                  "island",
                  "coral",
                  "shore"),
              0x0B3D6B,
              0x2F7FB5,
              0x9FD8E8,
              new int[] {0x2A6F97, 0x1B4F72, 0x0E3550},
              new int[] {0xE8F8FF, 0x7FDBFF, 0xB8F2E6},
              0xFFF4C2,
              Terrain.WAVES,
              Motion.RISE,
              Shape.RING,
              false),
          new Theme(
              "sunset",
              Set.of(
                  "sunset", "sunrise", "dusk", "dawn", "fire", "flame", "warm", "golden", "autumn",
                  "evening", "orange", "volcano", "lava", "summer", "sun"),
              0x3B1C4A,
              0xC0487A,
              0xFFB35C,
              new int[] {0x8A3B5C, 0x5A2444, 0x2E1230},
              new int[] {0xFFD27F, 0xFF8C61, 0xFFE9B0},
              0xFFE08A,
              Terrain.HILLS,
              Motion.DRIFT,
              Shape.GLOW,
              false),
          new Theme(
              "forest",
              Set.of(
                  "forest", "tree", "trees", "jungle", "wood", "woods", "green", "garden", "meadow",
                  "grass", "leaf", "leaves", "nature", "park", "valley", "spring", "moss"),
              0x6FB1C8,
              0xB7DDC4,
              0xE7F2C9,
              new int[] {0x4E8C5A, 0x2F6B3E, 0x1B4A2A},
              new int[] {0xF4F1A1, 0xC8E67F, 0xFFFFFF},
              0xFFF7D1,
              Terrain.HILLS,
              Motion.DRIFT,
              Shape.GLOW,
              false),
          new Theme(
              "night",
              Set.of(
                  "night",
                  "space",
                  "star",
                  "stars",
                  "galaxy",
                  "moon",
                  "cosmic",
                  "universe",
                  "planet",
                  "astronaut",
                  "dark",
                  "midnight",
                  "nebula",
                  "orbit",
                  "rocket",
                  "dream"),
              0x060B1F,
              0x1A1F4B,
              0x3C2F6B,
              new int[] {0x2A2356, 0x1A1640, 0x0D0B24},
              new int[] {0xFFFFFF, 0xBFD7FF, 0xFFD1F0},
              0xF2F0E1,
              Terrain.MOUNTAINS,
              Motion.TWINKLE,
              Shape.DISC,
              true),
          new Theme(
              "snow",
              Set.of(
                  "snow",
                  "snowy",
                  "winter",
                  "ice",
                  "frozen",
                  "cold",
                  "mountain",
                  "mountains",
                  "glacier",
                  "arctic",
                  "polar",
                  "frost",
                  "christmas",
                  "ski"),
              0x8FB4D9,
              0xC9DDF0,
              0xEEF4FA,
              new int[] {0xB5C9DE, 0x8CA6C4, 0x5E7A9C},
              new int[] {0xFFFFFF, 0xF0F6FF, 0xDCE9F7},
              0xFFFFFF,
              Terrain.MOUNTAINS,
              Motion.FALL,
              Shape.DISC,
              false),
          new Theme(
              "city",
              Set.of(
                  "city",
                  "neon",
                  "cyberpunk",
                  "cyber",
                  "street",
                  "urban",
                  "building",
                  "buildings",
                  "skyline",
                  "downtown",
                  "traffic",
                  "car",
                  "cars",
                  "robot",
                  "future",
                  "futuristic",
                  "tokyo",
                  "lights"),
              0x12052B,
              0x4B1266,
              0xD23C8C,
              new int[] {0x2B1450, 0x1C0C38, 0x0E0620},
              new int[] {0x29F0FF, 0xFF4FD8, 0xFFE45C},
              0xFF6FB5,
              Terrain.SKYLINE,
              Motion.DRIFT,
              Shape.GLOW,
              false),
          new Theme(
              "flowers",
              Set.of(
                  "flower",
                  "flowers",
                  "blossom",
                  "cherry",
                  "petal",
                  "petals",
                  "rose",
                  "roses",
                  "bloom",
                  "sakura",
                  "tulip",
                  "love",
                  "pink",
                  "butterfly",
                  "wedding"),
              0xF7C6D9,
              0xFBE3EC,
              0xFFF6F0,
              new int[] {0x9CC58B, 0x74A66A, 0x4F8150},
              new int[] {0xFF8FB1, 0xFFC2D4, 0xFFFFFF},
              0xFFF9E6,
              Terrain.HILLS,
              Motion.FALL,
              Shape.DIAMOND,
              false),
          new Theme(
              "desert",
              Set.of(
                  "desert", "sand", "dune", "dunes", "canyon", "camel", "sahara", "dry", "egypt",
                  "pyramid", "western", "cowboy"),
              0x5FA3D9,
              0xA9D2EE,
              0xF6E3B8,
              new int[] {0xE0B46E, 0xC99149, 0xA56E2F},
              new int[] {0xFFF3D6, 0xF4D199, 0xFFFFFF},
              0xFFFBE8,
              Terrain.DUNES,
              Motion.DRIFT,
              Shape.GLOW,
              false));

  private record Layer(
      double depth,
      double base,
      double amp,
      double[] freq,
      double[] phase,
      double flow,
      Yuv colour) {}

  private record Particle(
      double x,
      double y,
      double depth,
      double size,
      double speed,
      double phase,
      double wobble,
      Yuv colour,
      double alpha) {}

  private final int width;
  private final int height;
  private final int frames;
  private final int fps;
  private final Terrain terrain;
  private final Motion motion;
  private final Shape shape;
  private final Camera camera;
  private final Yuv[] skyRows;
  private final Yuv sun;
  private final double sunX;
  private final double sunY;
  private final double sunSize;
  private final List<Layer> layers;
  private final List<Particle> particles;
  private final List<Particle> stars;
  private final Overlay caption;
  private final Overlay mark;
  final String themeName;

  TextScene(RenderSpec spec) {
    this.width = spec.width();
    this.height = spec.height();
    this.frames = spec.frameCount();
    this.fps = spec.fps();
    String prompt = spec.prompt().strip();
    List<String> words = words(prompt);
    long hash = fnv1a64(prompt.toLowerCase(Locale.ROOT));
    SplittableRandom rnd = new SplittableRandom(mix(hash ^ mix(spec.seed())));

    Theme theme = pickTheme(words, hash);
    this.themeName = theme == null ? "abstract" : theme.name();
    if (theme == null) {
      theme = generatedTheme(rnd);
    }
    theme = atTimeOfDay(theme, words);
    // A per-prompt twist of the theme's hues, so two sea prompts are not the same sea.
    float hueShift = (float) rnd.nextDouble(-0.045, 0.045);
    float satScale = (float) rnd.nextDouble(0.85, 1.15);

    this.terrain = pickTerrain(words, theme.terrain());
    this.motion = pickMotion(words, theme.motion(), rnd);
    this.shape = pickShape(words, theme.shape(), motion);
    this.camera = pickCamera(words, rnd);

    Yuv top = Painter.Yuv.of(shift(theme.skyTop(), hueShift, satScale));
    Yuv mid = Painter.Yuv.of(shift(theme.skyMid(), hueShift, satScale));
    Yuv horizon = Painter.Yuv.of(shift(theme.skyHorizon(), hueShift, satScale));
    double horizonRow = rnd.nextDouble(0.55, 0.68);
    skyRows = new Yuv[height];
    for (int y = 0; y < height; y++) {
      double t = (y + 0.5) / height / horizonRow;
      skyRows[y] = t < 0.5 ? top.mix(mid, t * 2) : mid.mix(horizon, Math.min(1, (t - 0.5) * 2));
    }

    sun = Painter.Yuv.of(shift(theme.sun(), hueShift, satScale));
    sunX = rnd.nextDouble(-0.55, 0.55);
    sunY = rnd.nextDouble(-0.3, -0.05);
    sunSize = rnd.nextDouble(0.06, 0.11);

    List<Layer> ls = new ArrayList<>();
    int[] land = theme.land();
    for (int i = 0; i < 3; i++) {
      double depth = 0.35 + i * 0.3;
      double base = (horizonRow - 0.5) + 0.04 + i * 0.1;
      double amp =
          switch (terrain) {
            case WAVES -> 0.012 + i * 0.008;
            case MOUNTAINS -> 0.14 - i * 0.03;
            case SKYLINE -> 0.16 - i * 0.04;
            case DUNES -> 0.05 + i * 0.015;
            case HILLS -> 0.06 + i * 0.02;
          };
      double[] freq = new double[3];
      double[] phase = new double[3];
      for (int k = 0; k < 3; k++) {
        freq[k] = rnd.nextDouble(0.8, 2.2) * (k + 1) * (terrain == Terrain.WAVES ? 3 : 1);
        phase[k] = rnd.nextDouble(0, Math.PI * 2);
      }
      double flow = terrain == Terrain.WAVES ? rnd.nextDouble(0.5, 1.2) * (i + 1) : 0;
      ls.add(
          new Layer(
              depth,
              base,
              amp,
              freq,
              phase,
              flow,
              Painter.Yuv.of(shift(land[i], hueShift, satScale))));
    }
    layers = List.copyOf(ls);

    int[] accents = theme.accents();
    int count =
        switch (motion) {
          case TWINKLE -> 36;
          case FALL -> 70;
          case RISE -> 26;
          case ORBIT -> 14;
          case DRIFT -> 22;
        };
    List<Particle> ps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double depth = rnd.nextDouble(0.3, 1.3);
      double size =
          switch (shape) {
            case GLOW -> rnd.nextDouble(0.02, 0.07);
            case RING -> rnd.nextDouble(0.008, 0.03);
            case DIAMOND -> rnd.nextDouble(0.008, 0.018);
            case DISC ->
                motion == Motion.FALL ? rnd.nextDouble(0.003, 0.009) : rnd.nextDouble(0.003, 0.012);
          };
      ps.add(
          new Particle(
              rnd.nextDouble(-1, 1),
              rnd.nextDouble(-1, 1),
              depth,
              size * depth,
              rnd.nextDouble(0.04, 0.12),
              rnd.nextDouble(0, Math.PI * 2),
              rnd.nextDouble(0.01, 0.04),
              Painter.Yuv.of(shift(accents[rnd.nextInt(accents.length)], hueShift, satScale)),
              rnd.nextDouble(0.55, 0.95)));
    }
    particles = List.copyOf(ps);

    List<Particle> st = new ArrayList<>();
    if (theme.stars()) {
      for (int i = 0; i < 90; i++) {
        st.add(
            new Particle(
                rnd.nextDouble(-1.2, 1.2),
                rnd.nextDouble(-0.5, horizonRow - 0.45),
                0.08,
                rnd.nextDouble(0.0012, 0.0032),
                0,
                rnd.nextDouble(0, Math.PI * 2),
                rnd.nextDouble(1.5, 4),
                Painter.Yuv.of(0xFFFFFF),
                rnd.nextDouble(0.5, 1)));
      }
    }
    stars = List.copyOf(st);

    caption = prompt.isEmpty() ? null : Captions.caption(prompt, width, height);
    mark = Captions.previewMark(width, height);
  }

  @Override
  public void draw(int index, YuvFrame f) {
    double t = (double) index / fps; // seconds
    double u = frames <= 1 ? 0 : (double) index / (frames - 1); // 0..1 over the clip
    double ease = 0.5 - 0.5 * StrictMath.cos(Math.PI * u);
    double panX = 0;
    double panY = 0;
    double zoom = 1;
    switch (camera) {
      case PAN_LEFT -> panX = -0.35 * ease;
      case PAN_RIGHT -> panX = 0.35 * ease;
      case PUSH_IN -> zoom = 1 + 0.22 * ease;
      case PULL_OUT -> zoom = 1.22 - 0.22 * ease;
      case RISE -> panY = -0.12 * ease;
    }

    Painter.fillRows(f, skyRows);

    for (Particle s : stars) {
      double tw = 0.55 + 0.45 * StrictMath.sin(t * s.wobble() + s.phase());
      double sx = sx(wrap(s.x() - panX * s.depth(), 1.2), s.depth(), zoom);
      double sy = sy(s.y() - panY * s.depth(), s.depth(), zoom);
      Painter.shape(
          f, Shape.DISC, sx, sy, Math.max(0.6, s.size() * height), 0, s.colour(), s.alpha() * tw);
    }

    double sunDepth = 0.12;
    double sunCx = sx(sunX - panX * sunDepth, sunDepth, zoom);
    double sunCy = sy(sunY - panY * sunDepth + 0.01 * StrictMath.sin(t * 0.5), sunDepth, zoom);
    double sunR = sunSize * height * (1 + (zoom - 1) * sunDepth);
    Painter.shape(f, Shape.GLOW, sunCx, sunCy, sunR * 3.2, 0, sun, 0.35);
    Painter.shape(f, Shape.DISC, sunCx, sunCy, sunR, 0, sun, 0.95);

    double[] top = new double[width];
    for (int li = 0; li < layers.size(); li++) {
      Layer l = layers.get(li);
      double zd = 1 + (zoom - 1) * l.depth();
      for (int x = 0; x < width; x++) {
        double wx = (x + 0.5 - width / 2.0) / (height * zd) + panX * l.depth();
        double wy = l.base() - l.amp() * profile(l, wx, t);
        top[x] = height / 2.0 + (wy - panY * l.depth()) * height * zd;
      }
      Painter.fillBelow(f, top, l.colour(), 256);
      drawParticles(f, t, panX, panY, zoom, li);
    }
    drawParticles(f, t, panX, panY, zoom, layers.size());

    if (caption != null) {
      caption.draw(f, 256);
    }
    if (mark != null) {
      mark.draw(f, 256);
    }
  }

  /** Particles are interleaved with the land layers by depth, nearest last. */
  private void drawParticles(
      YuvFrame f, double t, double panX, double panY, double zoom, int slot) {
    double lo = slot == 0 ? -1 : layers.get(slot - 1).depth();
    double hi = slot < layers.size() ? layers.get(slot).depth() : 99;
    double aspect = (double) width / height;
    double spanX = aspect / 2 + 0.15;
    for (Particle p : particles) {
      if (p.depth() < lo || p.depth() >= hi) {
        continue;
      }
      double x = p.x() * spanX;
      double y = p.y() * 0.6;
      double angle = 0;
      double alpha = p.alpha();
      double v = p.speed() * (0.6 + 0.4 * p.depth());
      switch (motion) {
        case RISE -> {
          y = wrap(p.y() * 0.65 - v * t, 0.65);
          x += StrictMath.sin(t * 1.3 + p.phase()) * p.wobble();
        }
        case FALL -> {
          y = wrap(p.y() * 0.65 + v * t, 0.65);
          x += StrictMath.sin(t * 0.9 + p.phase()) * p.wobble() * 2;
          angle = t * (1 + p.speed() * 8) + p.phase();
        }
        case DRIFT -> {
          x = p.x() * spanX + v * t * 0.8;
          y += StrictMath.sin(t * 0.7 + p.phase()) * p.wobble() * 1.5;
          alpha *= 0.75 + 0.25 * StrictMath.sin(t * 2 + p.phase());
        }
        case ORBIT -> {
          double a = p.phase() + t * v * 3;
          double r = 0.1 + Math.abs(p.y()) * 0.3;
          x = StrictMath.cos(a) * r * 1.6 + p.x() * 0.1;
          y = StrictMath.sin(a) * r * 0.6 - 0.05;
        }
        case TWINKLE -> {
          x += StrictMath.sin(t * 0.3 + p.phase()) * p.wobble();
          y = p.y() * 0.45 - 0.1 + StrictMath.cos(t * 0.4 + p.phase()) * p.wobble();
          alpha *= 0.5 + 0.5 * StrictMath.sin(t * (1.5 + p.speed() * 20) + p.phase());
        }
      }
      double rel = wrap(x - panX * p.depth(), spanX);
      double cx = sx(rel, p.depth(), zoom);
      double cy = sy(y - panY * p.depth(), p.depth(), zoom);
      double r = p.size() * height * (1 + (zoom - 1) * p.depth());
      Painter.shape(f, shape, cx, cy, r, angle, p.colour(), alpha);
    }
  }

  private double sx(double wx, double depth, double zoom) {
    return width / 2.0 + wx * height * (1 + (zoom - 1) * depth);
  }

  private double sy(double wy, double depth, double zoom) {
    return height / 2.0 + wy * height * (1 + (zoom - 1) * depth);
  }

  /** The land's height (0..1, roughly) at world position wx. */
  private double profile(Layer l, double wx, double t) {
    double[] fr = l.freq();
    double[] ph = l.phase();
    switch (terrain) {
      case SKYLINE -> {
        double w = 0.07 + 0.05 * l.depth();
        double cell = Math.floor(wx / w);
        double h = hash01(cell * 7.31 + l.depth() * 13.7);
        double antenna = hash01(cell * 3.17 + 1.5) > 0.85 ? 0.15 : 0;
        double pos = wx / w - cell;
        return 0.25 + h * 0.75 + (Math.abs(pos - 0.5) < 0.06 ? antenna : 0);
      }
      case MOUNTAINS -> {
        double a = 1 - Math.abs(StrictMath.sin(wx * fr[0] + ph[0]));
        double b = 1 - Math.abs(StrictMath.sin(wx * fr[1] * 1.3 + ph[1]));
        return 0.65 * a + 0.35 * b;
      }
      case WAVES -> {
        return 0.5
            + 0.3 * StrictMath.sin(wx * fr[0] + ph[0] + t * l.flow())
            + 0.2 * StrictMath.sin(wx * fr[1] + ph[1] - t * l.flow() * 0.7)
            + 0.1 * StrictMath.sin(wx * fr[2] + ph[2] + t * l.flow() * 1.6);
      }
      default -> {
        return 0.5
            + 0.5 * StrictMath.sin(wx * fr[0] + ph[0])
            + 0.25 * StrictMath.sin(wx * fr[1] + ph[1])
            + 0.1 * StrictMath.sin(wx * fr[2] + ph[2]);
      }
    }
  }

  private static double hash01(double v) {
    long bits = Double.doubleToLongBits(v);
    return (mix(bits) >>> 11) * 0x1.0p-53;
  }

  private static double wrap(double v, double half) {
    double span = 2 * half;
    double r = (v + half) % span;
    if (r < 0) {
      r += span;
    }
    return r - half;
  }

  static List<String> words(String prompt) {
    List<String> out = new ArrayList<>();
    for (String w : prompt.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** The theme whose words the prompt uses most (earliest wins ties); null when none match. */
  static Theme pickTheme(List<String> words, long hash) {
    Theme best = null;
    int bestScore = 0;
    for (Theme theme : THEMES) {
      int score = 0;
      for (String w : words) {
        if (theme.words().contains(w)
            || (w.endsWith("s") && theme.words().contains(w.substring(0, w.length() - 1)))) {
          score++;
        }
      }
      if (score > bestScore) {
        best = theme;
        bestScore = score;
      }
    }
    return best;
  }

  private static final Set<String> NIGHT_WORDS =
      Set.of("night", "midnight", "nighttime", "moonlit", "moonlight", "dark", "starry");
  private static final Set<String> DUSK_WORDS =
      Set.of("sunset", "dusk", "evening", "twilight", "sunrise", "dawn", "golden");

  /**
   * Words for the time of day recolour another theme's sky: a snowy forest at night gets a dark
   * sky, a moon and stars; a city at sunset gets a warm horizon.
   */
  static Theme atTimeOfDay(Theme t, List<String> words) {
    boolean night = words.stream().anyMatch(NIGHT_WORDS::contains);
    boolean dusk = words.stream().anyMatch(DUSK_WORDS::contains);
    if (night && !t.name().equals("night")) {
      return new Theme(
          t.name(),
          t.words(),
          scale(t.skyTop(), 0.25f),
          scale(t.skyMid(), 0.3f),
          scale(t.skyHorizon(), 0.45f),
          scaleAll(t.land(), 0.45f),
          t.accents(),
          0xF2F0E1,
          t.terrain(),
          t.motion(),
          t.shape(),
          true);
    }
    if (dusk && !t.name().equals("sunset") && !t.name().equals("night")) {
      return new Theme(
          t.name(),
          t.words(),
          0x3B1C4A,
          0xC0487A,
          0xFFB35C,
          scaleAll(t.land(), 0.7f),
          t.accents(),
          0xFFE08A,
          t.terrain(),
          t.motion(),
          t.shape(),
          false);
    }
    return t;
  }

  private static int scale(int rgb, float k) {
    float[] hsb = Color.RGBtoHSB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, null);
    return hsb(hsb[0], hsb[1], hsb[2] * k);
  }

  private static int[] scaleAll(int[] rgb, float k) {
    int[] out = new int[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      out[i] = scale(rgb[i], k);
    }
    return out;
  }

  private static Theme generatedTheme(SplittableRandom rnd) {
    float h = (float) rnd.nextDouble();
    float h2 = h + (float) rnd.nextDouble(0.05, 0.2);
    float hc = h + 0.5f;
    int[] land = {
      hsb(h2, 0.45f, 0.55f), hsb(h2 + 0.03f, 0.55f, 0.38f), hsb(h2 + 0.06f, 0.6f, 0.22f)
    };
    int[] accents = {hsb(hc, 0.55f, 1f), hsb(hc + 0.08f, 0.35f, 1f), hsb(h, 0.15f, 1f)};
    Terrain[] terrains = Terrain.values();
    Motion[] motions = Motion.values();
    Shape[] shapes = {Shape.GLOW, Shape.RING, Shape.DISC, Shape.DIAMOND};
    return new Theme(
        "abstract",
        Set.of(),
        hsb(h, 0.65f, 0.3f),
        hsb(h + 0.04f, 0.5f, 0.6f),
        hsb(h + 0.08f, 0.3f, 0.92f),
        land,
        accents,
        hsb(hc, 0.25f, 1f),
        terrains[rnd.nextInt(terrains.length)],
        motions[rnd.nextInt(motions.length)],
        shapes[rnd.nextInt(shapes.length)],
        rnd.nextInt(4) == 0);
  }

  private static Terrain pickTerrain(List<String> words, Terrain dflt) {
    for (String w : words) {
      switch (w) {
        case "wave", "waves", "ocean", "sea" -> {
          return Terrain.WAVES;
        }
        case "mountain", "mountains", "peak", "peaks", "alps" -> {
          return Terrain.MOUNTAINS;
        }
        case "city", "skyline", "buildings", "town" -> {
          return Terrain.SKYLINE;
        }
        case "dune", "dunes", "sand" -> {
          return Terrain.DUNES;
        }
        case "hill", "hills", "meadow" -> {
          return Terrain.HILLS;
        }
        default -> {}
      }
    }
    return dflt;
  }

  private static Motion pickMotion(List<String> words, Motion dflt, SplittableRandom rnd) {
    for (String w : words) {
      switch (w) {
        case "bubble",
            "bubbles",
            "rising",
            "rise",
            "balloon",
            "balloons",
            "lantern",
            "lanterns" -> {
          return Motion.RISE;
        }
        case "snow",
            "snowy",
            "snowing",
            "snowfall",
            "falling",
            "fall",
            "rain",
            "petals",
            "leaves",
            "confetti" -> {
          return Motion.FALL;
        }
        case "orbit", "orbiting", "spinning", "swirl", "swirling", "dance", "dancing", "circle" -> {
          return Motion.ORBIT;
        }
        case "stars", "sparkle", "sparkling", "glitter", "twinkle", "twinkling" -> {
          return Motion.TWINKLE;
        }
        case "drift", "drifting", "flying", "floating", "wind", "clouds", "fireflies" -> {
          return Motion.DRIFT;
        }
        default -> {}
      }
    }
    // Keep the theme's motion most of the time, but let the hash vary it.
    return rnd.nextInt(4) == 0 ? Motion.values()[rnd.nextInt(Motion.values().length)] : dflt;
  }

  private static Shape pickShape(List<String> words, Shape dflt, Motion motion) {
    for (String w : words) {
      switch (w) {
        case "bubble", "bubbles", "ring", "rings" -> {
          return Shape.RING;
        }
        case "petal", "petals", "leaves", "leaf", "confetti", "crystal", "crystals" -> {
          return Shape.DIAMOND;
        }
        case "snow", "snowy", "snowing", "snowfall", "rain", "dots", "stars" -> {
          return Shape.DISC;
        }
        case "glow", "lights", "fireflies", "lantern", "lanterns", "orbs", "bokeh" -> {
          return Shape.GLOW;
        }
        default -> {}
      }
    }
    return dflt;
  }

  private static Camera pickCamera(List<String> words, SplittableRandom rnd) {
    for (String w : words) {
      switch (w) {
        case "zoom", "closer", "approach", "push" -> {
          return Camera.PUSH_IN;
        }
        case "reveal", "wide", "away", "pull" -> {
          return Camera.PULL_OUT;
        }
        case "pan", "panning", "travel", "journey", "road", "train" -> {
          return rnd.nextBoolean() ? Camera.PAN_LEFT : Camera.PAN_RIGHT;
        }
        case "rise", "rising", "ascend", "aerial", "drone", "up" -> {
          return Camera.RISE;
        }
        default -> {}
      }
    }
    Camera[] all = Camera.values();
    return all[rnd.nextInt(all.length)];
  }

  private static int shift(int rgb, float hueShift, float satScale) {
    float[] hsb = Color.RGBtoHSB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, null);
    return hsb(hsb[0] + hueShift, Math.min(1f, hsb[1] * satScale), hsb[2]);
  }

  private static int hsb(float h, float s, float b) {
    return Color.HSBtoRGB(h - (float) Math.floor(h), s, b) & 0xFFFFFF;
  }

  static long fnv1a64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    return h;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
