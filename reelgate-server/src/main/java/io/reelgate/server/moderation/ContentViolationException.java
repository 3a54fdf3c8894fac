package io.reelgate.server.moderation;

import io.reelgate.core.ReelgateException;

/**
 * A prompt the content policy refuses. The client sees only {@link #CLIENT_MESSAGE}; the reason is
 * the operator's.
 */
public class ContentViolationException extends ReelgateException {
  /** What the client is told, word for word as the providers say it. */
  public static final String CLIENT_MESSAGE =
      "Content violates provider policy, please adjust the prompt";

  private final String reason;

  public ContentViolationException(String reason) {
    super(CLIENT_MESSAGE, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
