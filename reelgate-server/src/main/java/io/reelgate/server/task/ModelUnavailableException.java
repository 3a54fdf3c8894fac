package io.reelgate.server.task;

import io.reelgate.core.ReelgateException;
import java.time.Instant;

/** The model exists but takes no new tasks: it was retired. */
public class ModelUnavailableException extends ReelgateException {
  private final String model;
  private final Instant retiredAt;

  public ModelUnavailableException(String model, Instant retiredAt) {
    super(
        "MODEL_UNAVAILABLE: model '"
            + model
            + "' was retired on "
            + retiredAt
            + " and takes no new tasks",
        false);
    this.model = model;
    this.retiredAt = retiredAt;
  }

  public String model() {
    return model;
  }

  public Instant retiredAt() {
    return retiredAt;
  }
}
