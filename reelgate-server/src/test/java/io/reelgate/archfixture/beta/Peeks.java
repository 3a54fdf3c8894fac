package io.reelgate.archfixture.beta;

import io.reelgate.archfixture.alpha.internal.Secret;

/** ...and beta reaches into alpha's internals: a cycle and a broken wall at once. */
public class Peeks {
  public int peek() {
    return Secret.value();
  }
}
