package io.reelgate.server.fetch;

import io.reelgate.core.ReelgateException;

/** A URL is not http(s), or points at an address the gateway must not reach for users. */
public class ForbiddenAddressException extends ReelgateException {
  public ForbiddenAddressException(String message) {
    super(message, false);
  }
}
