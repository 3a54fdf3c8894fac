package io.reelgate.core.request;

import java.util.Locale;
import java.util.Optional;

/** How a task chooses among the channels that serve its model. */
public enum Routing {
  /** Only the model maker's own API. */
  OFFICIAL,
  /** The cheapest healthy channel. */
  VALUE,
  /** The best healthy channel, failing over before the upstream accepted the job. */
  AUTO;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Routing> fromWire(String value) {
    for (Routing r : values()) {
      if (r.wireName().equals(value)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
