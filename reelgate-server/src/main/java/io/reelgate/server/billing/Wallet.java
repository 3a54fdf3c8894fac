package io.reelgate.server.billing;

import io.reelgate.server.Ids;
import io.reelgate.server.access.WebhookSecrets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credits of an account. Every change is a ledger row plus a guarded update of the account's totals
 * in the same transaction, so the totals always equal the sums of the ledger. A task has at most
 * one reservation and at most one settlement (capture or release); the database enforces both.
 */
@Service
public class Wallet {
  private final JdbcClient jdbc;
  private final Clock clock;

  public Wallet(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The totals of an account. */
  public record Balance(long balance, long reserved, long spent) {}

  /** An account as shown to operators. */
  public record Account(
      String id, String name, long balance, long reserved, long spent, long createdAt) {}

  /** The account with this id, when it exists. */
  public Optional<Account> account(String accountId) {
    return jdbc.sql(
            "SELECT id, name, balance, reserved, spent, created_at FROM accounts WHERE id = ?")
        .param(accountId)
        .query(
            (rs, n) ->
                new Account(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getLong(6)))
        .optional();
  }

  @Transactional
  public String createAccount(String name, long credits) {
    String accountId = Ids.timeOrdered("acct_", clock.millis());
    jdbc.sql(
            "INSERT INTO accounts (id, name, balance, reserved, spent, created_at, webhook_secret)"
                + " VALUES (?, ?, 0, 0, 0, ?, ?)")
        .params(accountId, name, clock.millis(), WebhookSecrets.generate())
        .update();
    if (credits > 0) {
      grant(accountId, credits, "initial credits");
    }
    return accountId;
  }

  /**
   * Adds credits to ({@code amount > 0}) or takes them from ({@code amount < 0}) the spendable
   * balance, as a GRANT or DEDUCT ledger row.
   *
   * @throws InsufficientCreditsException when a deduction is larger than the balance
   * @throws AccountNotFoundException when there is no such account
   */
  @Transactional
  public Balance adjust(String accountId, long amount, String note) {
    balanceOf(accountId);
    if (amount > 0) {
      grant(accountId, amount, note);
    } else if (amount < 0) {
      int updated =
          jdbc.sql("UPDATE accounts SET balance = balance + ? WHERE id = ? AND balance >= ?")
              .params(amount, accountId, -amount)
              .update();
      if (updated == 0) {
        throw new InsufficientCreditsException(-amount);
      }
      append(accountId, "DEDUCT", amount, 0, null, null, null, note);
    } else {
      throw new IllegalArgumentException("an adjustment must not be zero");
    }
    return balanceOf(accountId);
  }

  /** One ledger row as shown to operators. */
  public record Entry(
      long id, long amount, long reservedDelta, String kind, String taskId, long at, String note) {}

  /** The account's ledger rows with an id below {@code beforeId}, newest first, at most limit. */
  public List<Entry> ledger(String accountId, long beforeId, int limit) {
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

  @Transactional(propagation = Propagation.MANDATORY)
  public void grant(String accountId, long amount, String note) {
    if (amount <= 0) {
      throw new IllegalArgumentException("a grant must be positive");
    }
    append(accountId, "GRANT", amount, 0, null, null, null, note);
    jdbc.sql("UPDATE accounts SET balance = balance + ? WHERE id = ?")
        .params(amount, accountId)
        .update();
  }

  /**
   * Moves {@code amount} from the spendable balance to reserved for a task, in the caller's
   * transaction.
   *
   * @throws InsufficientCreditsException when the balance is too small
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void reserve(String accountId, String taskId, long amount) {
    int updated =
        jdbc.sql(
                "UPDATE accounts SET balance = balance - ?, reserved = reserved + ?"
                    + " WHERE id = ? AND balance >= ?")
            .params(amount, amount, accountId, amount)
            .update();
    if (updated == 0) {
      throw new InsufficientCreditsException(amount);
    }
    append(accountId, "RESERVE", -amount, amount, taskId, taskId, null, null);
  }

  /**
   * Charges a task's reservation. Returns false (and changes nothing) when the task was already
   * settled.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean capture(String taskId) {
    return settle(taskId, true);
  }

  /**
   * Returns a task's reservation to the balance. Returns false (and changes nothing) when the task
   * was already settled.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean release(String taskId) {
    return settle(taskId, false);
  }

  private boolean settle(String taskId, boolean capture) {
    Optional<Reservation> reservation =
        jdbc.sql("SELECT account_id, reserved_delta FROM ledger WHERE reserves_task = ?")
            .param(taskId)
            .query((rs, n) -> new Reservation(rs.getString(1), rs.getLong(2)))
            .optional();
    if (reservation.isEmpty()) {
      return false;
    }
    long settled =
        jdbc.sql("SELECT COUNT(*) FROM ledger WHERE settles_task = ?")
            .param(taskId)
            .query(Long.class)
            .single();
    if (settled > 0) {
      return false;
    }
    String accountId = reservation.get().accountId();
    long amount = reservation.get().amount();
    if (capture) {
      jdbc.sql("UPDATE accounts SET reserved = reserved - ?, spent = spent + ? WHERE id = ?")
          .params(amount, amount, accountId)
          .update();
    } else {
      jdbc.sql("UPDATE accounts SET reserved = reserved - ?, balance = balance + ? WHERE id = ?")
          .params(amount, amount, accountId)
          .update();
    }
    // why: the unique settles_task column is the backstop; a concurrent second settlement fails
    // here and rolls its whole transaction back instead of charging twice.
    append(
        accountId,
        capture ? "CAPTURE" : "RELEASE",
        capture ? 0 : amount,
        -amount,
        taskId,
        null,
        taskId,
        null);
    return true;
  }

  public Balance balanceOf(String accountId) {
    return find(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
  }

  /** The totals of an account, when it exists. */
  public Optional<Balance> find(String accountId) {
    return jdbc.sql("SELECT balance, reserved, spent FROM accounts WHERE id = ?")
        .param(accountId)
        .query((rs, n) -> new Balance(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .optional();
  }

  private void append(
      String accountId,
      String kind,
      long amount,
      long reservedDelta,
      String taskId,
      String reservesTask,
      String settlesTask,
      String note) {
    jdbc.sql(
            "INSERT INTO ledger (account_id, kind, amount, reserved_delta, task_id, reserves_task,"
                + " settles_task, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            accountId,
            kind,
            amount,
            reservedDelta,
            taskId,
            reservesTask,
            settlesTask,
            note,
            clock.millis())
        .update();
  }

  private record Reservation(String accountId, long amount) {}
}
