package io.reelgate.archfixture.api.apixo;

import io.reelgate.archfixture.api.pixazo.ReadsTheDatabase;

/** A dialect that uses another dialect's class. */
public class BorrowsFromPixazo {
  public Object borrow() {
    return new ReadsTheDatabase();
  }
}
