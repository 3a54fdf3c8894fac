package io.reelgate.server.moderation;

import io.reelgate.core.ReelgateException;

/** The moderation service could not be asked, and the gateway is set to refuse in that case. */
public class ModerationUnavailableException extends ReelgateException {
  public ModerationUnavailableException(String message) {
    super(message, true);
  }
}
