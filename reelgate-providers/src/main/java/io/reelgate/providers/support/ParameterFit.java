package io.reelgate.providers.support;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.RequestField;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.InputImage;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderJob;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a normalized request becomes the values one upstream model takes. By default ({@code fit:
 * exact}) every value must be one the model offers, else the request is refused as bad input naming
 * the field. With the channel option {@code fit: nearest} a duration, aspect ratio, resolution or
 * frame size the model lacks becomes the nearest one it has (durations: the closest, ties to the
 * longer; frames: the closest aspect ratio of the same orientation, then the closest resolution,
 * ties to the larger), a seed the model cannot take is left out, and an output that follows an
 * input image of another shape is accepted. The kind, the number of images and the orientation are
 * never changed, and a text watermark is never dropped.
 */
public final class ParameterFit {
  public static final String FIT_OPTION = "fit";

  /** The request option of sora-2 that asks for a video without the upstream's watermark. */
  public static final String REMOVE_WATERMARK = "remove_watermark";

  /** The request option of veo-3-1 that asks for a text watermark. */
  public static final String WATERMARK_TEXT = "watermark";

  /** How far an image's aspect ratio may be from the output's when the output follows it. */
  private static final double SHAPE_TOLERANCE = 0.02;

  /** Aspect ratios this close (as logarithms) are the same ratio rounded to whole pixels. */
  private static final double SAME_RATIO = 0.01;

  /** Frame sizes whose ratios are this close to the best one count as the same shape. */
  private static final double SAME_SHAPE = 0.03;

  /**
   * The values to send.
   *
   * @param duration seconds
   * @param size the frame size asked for, after fitting
   * @param aspectRatio the aspect ratio ({@code 16:9}), or null when the model takes none
   * @param resolution the tier ({@code 720p}), or null when the request does not choose one
   * @param seed the seed to send, or null
   * @param watermark whether to switch the upstream's watermark on, or null to send nothing
   */
  public record Fitted(
      int duration,
      OutputSize size,
      String aspectRatio,
      String resolution,
      Long seed,
      Boolean watermark) {}

  private final ChannelSettings settings;
  private final boolean nearest;

  /**
   * @throws IllegalArgumentException naming the channel when {@code fit} is neither exact nor
   *     nearest
   */
  public ParameterFit(ChannelSettings settings) {
    this.settings = settings;
    String fit = settings.option(FIT_OPTION).orElse("exact").trim().toLowerCase(Locale.ROOT);
    if (!fit.equals("exact") && !fit.equals("nearest")) {
      throw new IllegalArgumentException(
          "channel " + settings.id() + ": option fit must be exact or nearest");
    }
    this.nearest = fit.equals("nearest");
  }

  public boolean nearest() {
    return nearest;
  }

  /** Fits a job about to be submitted (its size already follows the input image). */
  public Fitted fit(ProviderJob job, Capabilities caps) {
    Fitted fitted = fit(job.request(), job.size(), caps, job.upstreamModel());
    return fitted;
  }

  /**
   * Fits a request.
   *
   * @param size the concrete frame size, or the request's own before images are known
   * @throws ProviderException (unsupported) naming the first field that cannot be fitted
   */
  public Fitted fit(GenerationRequest request, OutputSize size, Capabilities caps, String model) {
    Capabilities c = caps.overriddenBy(settings);
    String where = " on channel " + settings.id() + " (" + model + ")";
    if (!c.kinds().contains(request.kind())) {
      throw ProviderException.unsupported(
          RequestField.KIND,
          "must be one of "
              + c.kinds().stream().map(ParameterFit::kindName).sorted().toList()
              + where
              + ", not "
              + kindName(request.kind()));
    }
    if (request.kind() == GenerationKind.REFERENCE_IMAGES
        && request.imageUrls().size() > c.maxReferenceImages()) {
      throw ProviderException.unsupported(
          RequestField.IMAGES,
          "must hold at most " + c.maxReferenceImages() + " reference image(s)" + where);
    }
    int duration = duration(request.durationSeconds(), c.durations(), where);
    OutputSize frame = size;
    String ratio = null;
    String tier = null;
    if (!c.sizes().isEmpty()) {
      frame = frame(size, c.sizes(), where);
      ratio = VideoShape.aspectRatio(frame);
      tier = VideoShape.resolution(frame);
    } else {
      if (!c.aspectRatios().isEmpty()) {
        ratio = ratio(size, c.aspectRatios(), where);
      }
      if (!c.resolutions().isEmpty()) {
        tier = tier(size, c.resolutions(), where);
      }
    }
    Long seed = request.seed();
    if (seed != null && !c.seed()) {
      if (!nearest) {
        throw ProviderException.unsupported(
            RequestField.SEED, "is not taken" + where + "; leave it out");
      }
      seed = null;
    }
    String text = request.options().get(WATERMARK_TEXT);
    if (text != null && !text.isBlank()) {
      throw ProviderException.unsupportedOption(
          WATERMARK_TEXT, "(a text watermark) cannot be added" + where + "; leave it empty");
    }
    Boolean watermark = null;
    String remove = request.options().get(REMOVE_WATERMARK);
    if (c.watermarkSwitch()) {
      watermark = remove != null && !Boolean.parseBoolean(remove);
    }
    return new Fitted(duration, frame, ratio, tier, seed, watermark);
  }

  /**
   * For upstreams whose output takes the input image's own shape: refuses an image whose aspect
   * ratio is not the requested output's (with {@code fit: nearest} the image's shape is accepted).
   */
  public void checkImageShape(ProviderJob job) {
    if (nearest || job.images().isEmpty()) {
      return;
    }
    InputImage first = job.images().get(0);
    double image = (double) first.info().width() / first.info().height();
    double output = (double) job.size().width() / job.size().height();
    if (Math.abs(image / output - 1) > SHAPE_TOLERANCE) {
      throw ProviderException.unsupported(
          RequestField.SIZE,
          "must match the input image's shape ("
              + first.info().width()
              + "x"
              + first.info().height()
              + "): channel "
              + settings.id()
              + " renders at the image's aspect ratio, not "
              + VideoShape.aspectRatio(job.size()));
    }
  }

  private int duration(int asked, List<Integer> allowed, String where) {
    if (allowed.isEmpty() || allowed.contains(asked)) {
      return asked;
    }
    if (!nearest) {
      throw ProviderException.unsupported(
          RequestField.DURATION, "must be " + oneOf(allowed) + where);
    }
    return allowed.stream()
        .min(
            Comparator.<Integer>comparingInt(d -> Math.abs(d - asked))
                .thenComparing(Comparator.<Integer>reverseOrder()))
        .orElseThrow();
  }

  private OutputSize frame(OutputSize asked, List<OutputSize> allowed, String where) {
    OutputSize concrete = OutputSize.of(asked.width(), asked.height());
    if (allowed.contains(concrete)) {
      return concrete;
    }
    List<String> labels = allowed.stream().map(s -> s.width() + "x" + s.height()).toList();
    if (!nearest) {
      throw ProviderException.unsupported(RequestField.SIZE, "must be " + oneOf(labels) + where);
    }
    List<OutputSize> sameOrientation =
        allowed.stream().filter(s -> orientation(s) == orientation(concrete)).toList();
    double closest =
        sameOrientation.stream().mapToDouble(s -> ratioDistance(s, concrete)).min().orElse(0);
    // why: sizes whose ratios differ by a few percent (832x480, 1280x720) are the same shape at
    // another tier; among them the closest resolution wins
    return sameOrientation.stream()
        .filter(s -> ratioDistance(s, concrete) <= closest + SAME_SHAPE)
        .min(
            Comparator.<OutputSize>comparingInt(s -> Math.abs(shortSide(s) - shortSide(concrete)))
                .thenComparing(ParameterFit::shortSide, Comparator.reverseOrder()))
        .orElseThrow(
            () ->
                ProviderException.unsupported(
                    RequestField.SIZE,
                    "must be " + oneOf(labels) + where + " (no size of the same orientation)"));
  }

  private String ratio(OutputSize asked, List<String> allowed, String where) {
    String mine = VideoShape.aspectRatio(asked);
    if (allowed.contains(mine)) {
      return mine;
    }
    // why: tiers such as 1366x768 are 16:9 to within a pixel, not exactly
    for (String r : allowed) {
      if (ratioDistance(ratioSize(r), asked) < SAME_RATIO) {
        return r;
      }
    }
    if (!nearest) {
      throw ProviderException.unsupported(
          RequestField.SIZE, "must have an aspect ratio of " + oneOf(allowed) + where);
    }
    return allowed.stream()
        .filter(r -> orientation(ratioSize(r)) == orientation(asked))
        .min(Comparator.comparingDouble(r -> ratioDistance(ratioSize(r), asked)))
        .orElseThrow(
            () ->
                ProviderException.unsupported(
                    RequestField.SIZE,
                    "must have an aspect ratio of "
                        + oneOf(allowed)
                        + where
                        + " (none of the same orientation)"));
  }

  private String tier(OutputSize asked, List<String> allowed, String where) {
    String mine = VideoShape.resolution(asked);
    if (allowed.contains(mine)) {
      return mine;
    }
    if (!nearest) {
      throw ProviderException.unsupported(
          RequestField.SIZE, "must be a resolution of " + oneOf(allowed) + where);
    }
    int shortSide = shortSide(asked);
    return allowed.stream()
        .min(
            Comparator.<String>comparingInt(t -> Math.abs(tierPixels(t) - shortSide))
                .thenComparing(ParameterFit::tierPixels, Comparator.reverseOrder()))
        .orElseThrow();
  }

  private static int tierPixels(String tier) {
    return Integer.parseInt(tier.substring(0, tier.length() - 1));
  }

  private static OutputSize ratioSize(String ratio) {
    String[] p = ratio.split(":");
    return OutputSize.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
  }

  private static int orientation(OutputSize s) {
    return Integer.signum(s.width() - s.height());
  }

  private static double ratioDistance(OutputSize a, OutputSize b) {
    return Math.abs(
        Math.log((double) a.width() / a.height()) - Math.log((double) b.width() / b.height()));
  }

  private static int shortSide(OutputSize s) {
    return Math.min(s.width(), s.height());
  }

  /** {@code text-to-video}, the wire-neutral name of a kind. */
  public static String kindName(GenerationKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String oneOf(List<?> values) {
    if (values.size() == 1) {
      return String.valueOf(values.get(0));
    }
    return "one of " + values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  /**
   * The model for the request's quality tier: with a tier other than {@code standard} or {@code
   * quality} (veo-3-1's {@code fast}), the channel option {@code <tier>-model} when set (say {@code
   * fast-model: veo3.1_fast}), else {@code model}.
   */
  public static String tierModel(
      ChannelSettings settings, GenerationRequest request, String model) {
    String q = request.quality().toLowerCase(Locale.ROOT);
    if (q.equals(GenerationRequest.STANDARD_QUALITY) || q.equals("quality")) {
      return model;
    }
    return settings.option(q + "-model").orElse(model);
  }

  /** The job with its model replaced by {@link #tierModel} of its request. */
  public static ProviderJob withTierModel(ChannelSettings settings, ProviderJob job) {
    String model = tierModel(settings, job.request(), job.upstreamModel());
    return model.equals(job.upstreamModel())
        ? job
        : new ProviderJob(
            job.taskId(), job.request(), job.size(), job.images(), model, job.workDir());
  }

  /** The channel's model for a kind: the option {@code <kind>-model}, else {@code fallback}. */
  public static String modelFor(ChannelSettings settings, GenerationKind kind, String fallback) {
    Optional<String> own = settings.option(kindName(kind) + "-model");
    return own.orElse(fallback);
  }
}
