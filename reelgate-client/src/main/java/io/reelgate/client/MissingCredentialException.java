package io.reelgate.client;

/** A call needs an API key or the admin token that the client was not given; nothing was sent. */
public class MissingCredentialException extends ReelgateException {
  /**
   * @param message which credential is missing
   */
  public MissingCredentialException(String message) {
    super(message);
  }
}
