package io.reelgate.client;

/**
 * A webhook request did not verify: a header is missing, the timestamp is stale or no signature
 * matches.
 */
public class WebhookVerificationException extends ReelgateException {
  /**
   * @param message why the request did not verify
   */
  public WebhookVerificationException(String message) {
    super(message);
  }
}
