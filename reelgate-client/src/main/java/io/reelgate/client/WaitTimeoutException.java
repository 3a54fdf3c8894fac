package io.reelgate.client;

/** A task did not reach a final state within the wait's timeout; the task itself goes on. */
public class WaitTimeoutException extends ReelgateException {
  private final transient Object lastStatus;

  /**
   * @param message what was waited for and how long
   * @param lastStatus the last status seen, or null
   */
  public WaitTimeoutException(String message, Object lastStatus) {
    super(message, null, true);
    this.lastStatus = lastStatus;
  }

  /** The last status seen before the timeout (a dialect's status object), or null. */
  public Object lastStatus() {
    return lastStatus;
  }
}
