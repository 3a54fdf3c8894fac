package io.reelgate.server.task;

import io.reelgate.core.ReelgateException;

/** The catalog has no model with this id. */
public class ModelNotFoundException extends ReelgateException {
  private final String model;

  public ModelNotFoundException(String model) {
    super("model not found: " + model, false);
    this.model = model;
  }

  public String model() {
    return model;
  }
}
