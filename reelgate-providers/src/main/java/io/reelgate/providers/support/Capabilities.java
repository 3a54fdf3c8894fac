package io.reelgate.providers.support;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.OutputSize;
import io.reelgate.providers.ChannelSettings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one upstream model can render, as its documentation states it: the kinds it takes, its clip
 * lengths, and its frame shapes — either aspect ratios plus resolution tiers, or a list of exact
 * frame sizes. Operators override the lists per channel with the options {@code durations} ({@code
 * 5,10}), {@code aspect-ratios} ({@code 16:9,9:16}), {@code resolutions} ({@code 720p,1080p}) and
 * {@code sizes} ({@code 1280x720,720x1280}).
 *
 * @param kinds the generation kinds the model takes
 * @param durations the clip lengths in seconds
 * @param aspectRatios the aspect ratios it takes ({@code 16:9}); empty when it takes none
 * @param resolutions the resolution tiers by shorter side ({@code 720p}); empty when the request
 *     does not choose one
 * @param sizes exact frame sizes, for upstreams that take a size rather than ratio and tier; empty
 *     when not used
 * @param maxReferenceImages the most reference images it takes
 * @param seed whether it takes a seed
 * @param watermarkSwitch whether it has a switch for its visible AI watermark
 */
public record Capabilities(
    Set<GenerationKind> kinds,
    List<Integer> durations,
    List<String> aspectRatios,
    List<String> resolutions,
    List<OutputSize> sizes,
    int maxReferenceImages,
    boolean seed,
    boolean watermarkSwitch) {

  public static final String DURATIONS_OPTION = "durations";
  public static final String ASPECT_RATIOS_OPTION = "aspect-ratios";
  public static final String RESOLUTIONS_OPTION = "resolutions";
  public static final String SIZES_OPTION = "sizes";

  public Capabilities {
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    durations = List.copyOf(durations);
    aspectRatios = List.copyOf(aspectRatios);
    resolutions = List.copyOf(resolutions);
    sizes = List.copyOf(sizes);
  }

  /** Clip lengths from {@code from} to {@code to} seconds. */
  public static List<Integer> range(int from, int to) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(i);
    }
    return out;
  }

  /** Frame sizes from {@code 1280x720} or {@code 1280*720} or {@code 1280:720} texts. */
  public static List<OutputSize> sizes(String... sizes) {
    List<OutputSize> out = new ArrayList<>();
    for (String s : sizes) {
      out.add(OutputSize.parse(s.replace(':', 'x')));
    }
    return out;
  }

  public Capabilities withKinds(Set<GenerationKind> newKinds) {
    return new Capabilities(
        newKinds,
        durations,
        aspectRatios,
        resolutions,
        sizes,
        maxReferenceImages,
        seed,
        watermarkSwitch);
  }

  public Capabilities withDurations(List<Integer> newDurations) {
    return new Capabilities(
        kinds,
        newDurations,
        aspectRatios,
        resolutions,
        sizes,
        maxReferenceImages,
        seed,
        watermarkSwitch);
  }

  public Capabilities withAspectRatios(List<String> newRatios) {
    return new Capabilities(
        kinds, durations, newRatios, resolutions, sizes, maxReferenceImages, seed, watermarkSwitch);
  }

  public Capabilities withResolutions(List<String> newResolutions) {
    return new Capabilities(
        kinds,
        durations,
        aspectRatios,
        newResolutions,
        sizes,
        maxReferenceImages,
        seed,
        watermarkSwitch);
  }

  public Capabilities withSizes(List<OutputSize> newSizes) {
    return new Capabilities(
        kinds,
        durations,
        aspectRatios,
        resolutions,
        newSizes,
        maxReferenceImages,
        seed,
        watermarkSwitch);
  }

  /**
   * These capabilities with the channel's {@code durations}, {@code aspect-ratios}, {@code
   * resolutions} and {@code sizes} options in place of the documented lists.
   *
   * @throws IllegalArgumentException naming the channel and option when a value cannot be read
   */
  public Capabilities overriddenBy(ChannelSettings settings) {
    Capabilities c = this;
    try {
      if (settings.option(DURATIONS_OPTION).isPresent()) {
        List<Integer> d = new ArrayList<>();
        for (String v : list(settings.option(DURATIONS_OPTION).get())) {
          d.add(Integer.parseInt(v));
        }
        c = c.withDurations(d);
      }
      if (settings.option(ASPECT_RATIOS_OPTION).isPresent()) {
        List<String> ratios = list(settings.option(ASPECT_RATIOS_OPTION).get());
        for (String r : ratios) {
          if (!r.matches("[1-9][0-9]{0,3}:[1-9][0-9]{0,3}")) {
            throw new IllegalArgumentException(r);
          }
        }
        c = c.withAspectRatios(ratios);
      }
      if (settings.option(RESOLUTIONS_OPTION).isPresent()) {
        List<String> tiers = new ArrayList<>();
        for (String r : list(settings.option(RESOLUTIONS_OPTION).get())) {
          String t = r.toLowerCase(Locale.ROOT);
          if (!t.matches("[1-9][0-9]{1,4}p")) {
            throw new IllegalArgumentException(r);
          }
          tiers.add(t);
        }
        c = c.withResolutions(tiers);
      }
      if (settings.option(SIZES_OPTION).isPresent()) {
        c = c.withSizes(sizes(list(settings.option(SIZES_OPTION).get()).toArray(String[]::new)));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "channel "
              + settings.id()
              + ": options durations, aspect-ratios, resolutions and sizes are comma-separated"
              + " lists such as 5,10 / 16:9,9:16 / 720p,1080p / 1280x720,720x1280 ("
              + e.getMessage()
              + ")",
          e);
    }
    return c;
  }

  private static List<String> list(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }
}
