package io.reelgate.core.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The public models a gateway serves, by id. */
public final class ModelCatalog {
  private final Map<String, ModelSpec> models;

  public ModelCatalog(Collection<ModelSpec> specs) {
    Map<String, ModelSpec> byId = new LinkedHashMap<>();
    for (ModelSpec spec : specs) {
      if (byId.putIfAbsent(spec.id(), spec) != null) {
        throw new IllegalArgumentException("model " + spec.id() + " is configured twice");
      }
    }
    this.models = Map.copyOf(byId);
  }

  public Optional<ModelSpec> find(String id) {
    return Optional.ofNullable(id).map(models::get);
  }

  public Collection<ModelSpec> all() {
    return models.values();
  }
}
