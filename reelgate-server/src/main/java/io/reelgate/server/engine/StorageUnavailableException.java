package io.reelgate.server.engine;

import io.reelgate.core.ReelgateException;

/**
 * The result store cannot be reached or refused to work for now (a network failure, a 5xx, a
 * throttling answer). {@link ResultStorage} implementations throw it for failures that waiting
 * cures; the engine then keeps the task storing and tries again later, without counting a failed
 * try against the task.
 */
public class StorageUnavailableException extends ReelgateException {
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, true, cause);
  }
}
