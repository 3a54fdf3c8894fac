package io.reelgate.server.fetch;

import io.reelgate.core.ReelgateException;

/** An input image could not be used; the message says why, for the task's failMsg. */
public class ImageFetchException extends ReelgateException {
  public ImageFetchException(String message, boolean retryable) {
    super(message, retryable);
  }
}
