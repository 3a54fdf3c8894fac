package io.reelgate.providers;

import io.reelgate.core.ReelgateException;

/** A pushed update failed verification (bad or missing signature, stale timestamp, bad body). */
public class InvalidWebhookException extends ReelgateException {
  public InvalidWebhookException(String message) {
    super(message, false);
  }

  public InvalidWebhookException(String message, Throwable cause) {
    super(message, false, cause);
  }
}
