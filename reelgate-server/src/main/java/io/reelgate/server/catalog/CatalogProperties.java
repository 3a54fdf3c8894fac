package io.reelgate.server.catalog;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.Routing;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The model catalog as configured under {@code reelgate.models}. */
@ConfigurationProperties("reelgate")
public record CatalogProperties(Map<String, Model> models) {

  /** One model; see {@code application.yml} for the embedded default. */
  public record Model(
      String family,
      List<Integer> durations,
      Integer maxPromptLength,
      List<String> qualities,
      List<Routing> routings,
      Routing defaultRouting,
      Map<GenerationKind, Kind> kinds,
      Price price,
      Limits limits,
      List<String> channels) {}

  /** The rules of one generation kind. */
  public record Kind(int minImages, int maxImages, List<String> sizes, List<String> qualities) {}

  /** Credits per second times quality and size factors. */
  public record Price(
      long creditsPerSecond,
      Map<String, Double> qualityFactors,
      Map<Integer, Double> sizeFactors) {}

  /** Default per-key limits. */
  public record Limits(int requestsPerMinute, int concurrentTasks) {}
}
