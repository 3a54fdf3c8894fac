package io.reelgate.client;

/** The server could not be reached, or the connection broke before an answer was read. */
public class ConnectionException extends ReelgateException {
  /**
   * @param message what failed
   * @param cause the I/O failure
   */
  public ConnectionException(String message, Throwable cause) {
    super(message, cause, true);
  }
}
