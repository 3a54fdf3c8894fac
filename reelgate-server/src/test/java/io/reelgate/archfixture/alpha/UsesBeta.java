package io.reelgate.archfixture.alpha;

import io.reelgate.archfixture.beta.Peeks;

/** Alpha depends on beta... */
public class UsesBeta {
  public int go() {
    return new Peeks().peek();
  }
}
