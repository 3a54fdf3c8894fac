package io.reelgate.server.api.common;

import io.reelgate.core.ReelgateException;

/** A request whose API key is missing, malformed, unknown or revoked. */
public class UnauthenticatedException extends ReelgateException {
  private final CallingKey.From from;

  public UnauthenticatedException(CallingKey.From from) {
    super("missing or invalid API key", false);
    this.from = from;
  }

  /** Where the key was looked for. */
  public CallingKey.From from() {
    return from;
  }
}
