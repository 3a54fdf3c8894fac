package io.reelgate.server.billing;

import io.reelgate.core.ReelgateException;

/** No account has this id. */
public class AccountNotFoundException extends ReelgateException {
  private final String accountId;

  public AccountNotFoundException(String accountId) {
    super("account " + accountId + " does not exist", false);
    this.accountId = accountId;
  }

  public String accountId() {
    return accountId;
  }
}
