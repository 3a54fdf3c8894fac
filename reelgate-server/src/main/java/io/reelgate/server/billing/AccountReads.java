package io.reelgate.server.billing;

import io.reelgate.server.billing.Wallet.Account;
import io.reelgate.server.billing.Wallet.Balance;
import io.reelgate.server.billing.Wallet.Entry;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The reading side of the wallet: accounts, their totals and ledger rows, without locks. */
final class AccountReads {
  private static final String ACCOUNT_COLUMNS =
      "SELECT id, name, balance, reserved, spent, created_at FROM accounts";

  private static final RowMapper<Account> ACCOUNT =
      (rs, n) ->
          new Account(
              rs.getString(1),
              rs.getString(2),
              rs.getLong(3),
              rs.getLong(4),
              rs.getLong(5),
              rs.getLong(6));

  private final JdbcClient jdbc;

  AccountReads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Account> account(String accountId) {
    return jdbc.sql(ACCOUNT_COLUMNS + " WHERE id = ?").param(accountId).query(ACCOUNT).optional();
  }

  List<Account> accounts(String beforeId, int limit) {
    return jdbc.sql(
            ACCOUNT_COLUMNS
                + (beforeId == null ? "" : " WHERE id < ?")
                + " ORDER BY id DESC FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .params(beforeId == null ? List.of() : List.of(beforeId))
        .query(ACCOUNT)
        .list();
  }

  List<Entry> ledger(String accountId, long beforeId, int limit) {
    return jdbc.sql(
            "SELECT id, amount, reserved_delta, kind, task_id, created_at, note FROM ledger"
                + " WHERE account_id = ? AND id < ? ORDER BY id DESC FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .params(accountId, beforeId)
        .query(
            (rs, n) ->
                new Entry(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getLong(6),
                    rs.getString(7)))
        .list();
  }

  Optional<Balance> balance(String accountId) {
    return jdbc.sql("SELECT balance, reserved, spent FROM accounts WHERE id = ?")
        .param(accountId)
        .query((rs, n) -> new Balance(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .optional();
  }
}
