package io.reelgate.server.billing;

import io.reelgate.core.ReelgateException;

/** The account's spendable balance does not cover the price of the task. */
public class InsufficientCreditsException extends ReelgateException {
  public InsufficientCreditsException(long price) {
    super("the balance does not cover the price of " + price + " credits", false);
  }
}
