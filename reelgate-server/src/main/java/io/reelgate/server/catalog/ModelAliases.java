package io.reelgate.server.catalog;

import io.reelgate.core.catalog.ModelCatalog;
import java.util.Map;
import java.util.TreeMap;

/**
 * Public names that stand for another configured model ({@code reelgate.model-aliases}). A request
 * for an alias is read, validated, priced and run as the target model, and the task records the
 * target: statuses show the model that actually made the video. An alias may shadow a catalog model
 * of the same id (the usual case when an upstream model is shut down and its name is moved to a
 * successor).
 */
public final class ModelAliases {
  private final Map<String, String> aliases;

  public ModelAliases(Map<String, String> configured, ModelCatalog catalog) {
    Map<String, String> out = new TreeMap<>();
    if (configured != null) {
      configured.forEach(
          (alias, target) -> {
            if (target == null || catalog.find(target).isEmpty()) {
              throw new IllegalStateException(
                  "reelgate.model-aliases."
                      + alias
                      + " points at '"
                      + target
                      + "', which is not a model of reelgate.models");
            }
            if (configured.containsKey(target) && !alias.equals(target)) {
              throw new IllegalStateException(
                  "reelgate.model-aliases."
                      + alias
                      + " points at '"
                      + target
                      + "', which is itself an alias; point it at a model");
            }
            if (!alias.equals(target)) {
              out.put(alias, target);
            }
          });
    }
    this.aliases = Map.copyOf(out);
  }

  /** The model id a public name stands for: the alias target, or the name itself. */
  public String resolve(String name) {
    return name == null ? null : aliases.getOrDefault(name, name);
  }

  /** Every alias and its target. */
  public Map<String, String> all() {
    return aliases;
  }
}
