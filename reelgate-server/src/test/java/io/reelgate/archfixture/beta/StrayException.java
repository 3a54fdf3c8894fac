package io.reelgate.archfixture.beta;

/** An exception outside the one root. */
public class StrayException extends RuntimeException {
  public StrayException(String message) {
    super(message);
  }
}
