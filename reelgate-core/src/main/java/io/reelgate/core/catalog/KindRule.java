package io.reelgate.core.catalog;

import io.reelgate.core.request.OutputSize;
import java.util.List;

/**
 * What a model accepts for one generation kind.
 *
 * @param minImages fewest input images
 * @param maxImages most input images
 * @param qualities allowed quality tiers for this kind; empty means the model's own list
 * @param sizes allowed output sizes for this kind
 */
public record KindRule(
    int minImages, int maxImages, List<String> qualities, List<OutputSize> sizes) {
  public KindRule {
    if (minImages < 0 || maxImages < minImages) {
      throw new IllegalArgumentException("image counts must satisfy 0 <= min <= max");
    }
    qualities = qualities == null ? List.of() : List.copyOf(qualities);
    sizes = List.copyOf(sizes);
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("a kind needs at least one size");
    }
  }
}
