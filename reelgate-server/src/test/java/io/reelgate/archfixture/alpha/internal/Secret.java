package io.reelgate.archfixture.alpha.internal;

/** Internal to alpha. */
public class Secret {
  public static int value() {
    return 1;
  }
}
