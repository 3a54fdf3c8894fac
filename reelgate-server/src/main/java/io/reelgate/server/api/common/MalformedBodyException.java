package io.reelgate.server.api.common;

import io.reelgate.core.ReelgateException;

/** A request body that is missing, not JSON, or not the JSON shape the endpoint expects. */
public class MalformedBodyException extends ReelgateException {
  public MalformedBodyException(String message) {
    super(message, false);
  }
}
