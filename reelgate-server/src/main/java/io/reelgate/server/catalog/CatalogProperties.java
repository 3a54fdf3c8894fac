package io.reelgate.server.catalog;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.Routing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The model catalog as configured under {@code reelgate.models}, and the public aliases of its
 * models under {@code reelgate.model-aliases} (alias → model id).
 */
@ConfigurationProperties("reelgate")
public record CatalogProperties(Map<String, Model> models, Map<String, String> modelAliases) {

  /**
   * One model; see {@code application.yml} for the embedded default. {@code retiredAt} (optional)
   * is when it stops taking new tasks; {@code deadline} (default 30 minutes) how long a task may
   * run on a channel before it fails with {@code PROCESSING_TIMEOUT}.
   */
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
      Instant retiredAt,
      Duration deadline) {}

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
