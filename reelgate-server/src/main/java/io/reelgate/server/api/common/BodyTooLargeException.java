package io.reelgate.server.api.common;

import io.reelgate.core.ReelgateException;

/** A request body over the size limit. */
public class BodyTooLargeException extends ReelgateException {
  public BodyTooLargeException(long limit) {
    super("the request body is larger than " + limit + " bytes", false);
  }
}
