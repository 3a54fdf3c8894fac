package io.reelgate.core.catalog;

import io.reelgate.core.request.GenerationRequest;
import java.util.Map;

/**
 * A model's price: credits per second of video, multiplied by a factor for the quality tier and one
 * for the resolution tier (keyed by the longer side in pixels). Missing factors are 1.
 */
public record PriceRule(
    long creditsPerSecond, Map<String, Double> qualityFactors, Map<Integer, Double> sizeFactors) {

  public PriceRule {
    if (creditsPerSecond < 0) {
      throw new IllegalArgumentException("creditsPerSecond must not be negative");
    }
    qualityFactors = qualityFactors == null ? Map.of() : Map.copyOf(qualityFactors);
    sizeFactors = sizeFactors == null ? Map.of() : Map.copyOf(sizeFactors);
  }

  /** The price in whole credits of the normalized request, rounded up. */
  public long priceOf(GenerationRequest request) {
    double factor =
        qualityFactors.getOrDefault(request.quality(), 1.0)
            * sizeFactors.getOrDefault(request.size().longSide(), 1.0);
    return (long) Math.ceil(creditsPerSecond * request.durationSeconds() * factor - 1e-9);
  }
}
