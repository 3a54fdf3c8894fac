package io.reelgate.server.task;

import io.reelgate.core.ReelgateException;

/** An {@code Idempotency-Key} reused within 24 hours with a different request. */
public class IdempotencyConflictException extends ReelgateException {
  public IdempotencyConflictException() {
    super(
        "Idempotency-Key was already used with a different request in the last 24 hours;"
            + " use a new key for a new request",
        false);
  }
}
