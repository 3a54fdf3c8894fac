package io.reelgate.server.fetch;

import io.reelgate.core.ReelgateException;

/**
 * A guarded request did not get a usable answer: the host was unreachable, too slow, or redirected
 * too often or nowhere. The message says which, in words fit for a client.
 */
public class FetchFailedException extends ReelgateException {
  public FetchFailedException(String message) {
    super(message, false);
  }
}
