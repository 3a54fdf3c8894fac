package io.reelgate.render;

/**
 * A clip could not be rendered; {@link #isInputProblem()} tells whether the inputs were at fault.
 */
public class RenderException extends RuntimeException {
  private final boolean inputProblem;

  public RenderException(String message, boolean inputProblem, Throwable cause) {
    super(message, cause);
    this.inputProblem = inputProblem;
  }

  /** True when an input (an image that cannot be decoded, say) caused the failure. */
  public boolean isInputProblem() {
    return inputProblem;
  }
}
