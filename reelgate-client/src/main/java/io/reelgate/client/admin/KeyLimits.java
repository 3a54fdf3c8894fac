package io.reelgate.client.admin;

import java.util.List;

/**
 * A key's limits per model.
 *
 * @param keyId the key's id
 * @param limits one entry per model of the catalog
 */
public record KeyLimits(String keyId, List<ModelLimit> limits) {
  /**
   * The limits of one model for the key.
   *
   * @param model the model id
   * @param requestsPerMinute submissions per minute
   * @param concurrentTasks unfinished tasks at once
   * @param overridden whether they were set for this key (else the model's defaults)
   */
  public record ModelLimit(
      String model, int requestsPerMinute, int concurrentTasks, boolean overridden) {}

  /** The entry of a model, or null. */
  public ModelLimit of(String model) {
    return limits.stream().filter(l -> l.model().equals(model)).findFirst().orElse(null);
  }
}
