package io.reelgate.server.billing;

import io.reelgate.server.Ids;
import io.reelgate.server.access.WebhookSecrets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
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
  private final JdbcTemplate batch;
  private final Clock clock;
  private final Settlements settlements;
  private final AccountReads reads;

  public Wallet(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = JdbcClient.create(jdbc);
    this.batch = jdbc;
    this.clock = clock;
    this.settlements = new Settlements(this.jdbc, jdbc, clock);
    this.reads = new AccountReads(this.jdbc);
  }

  /** The totals of an account. */
  public record Balance(long balance, long reserved, long spent) {}

  /** An account as shown to operators. */
  public record Account(
      String id, String name, long balance, long reserved, long spent, long createdAt) {}

  /** The account with this id, when it exists. */
  public Optional<Account> account(String accountId) {
    return reads.account(accountId);
  }

  /**
   * Accounts with an id below {@code beforeId} (null: from the newest), newest first, at most
   * {@code limit}; ids are time-ordered, so this is also creation order.
   */
  public List<Account> accounts(String beforeId, int limit) {
    return reads.accounts(beforeId, limit);
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
    return reads.ledger(accountId, beforeId, limit);
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
    return settleAll(Map.of(taskId, true)).contains(taskId);
  }

  /**
   * Returns a task's reservation to the balance. Returns false (and changes nothing) when the task
   * was already settled.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean release(String taskId) {
    return settleAll(Map.of(taskId, false)).contains(taskId);
  }

  /** A reservation to make: {@code amount} of the account's balance held for a task. */
  public record Hold(String accountId, String taskId, long amount) {}

  /**
   * Locks the accounts' rows, in id order, until the caller's transaction ends, and returns their
   * spendable balances (accounts that do not exist are absent).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Map<String, Long> lockBalances(Collection<String> accountIds) {
    Map<String, Long> out = new HashMap<>();
    for (String id : new TreeSet<>(accountIds)) {
      jdbc.sql("SELECT balance FROM accounts WHERE id = ? FOR UPDATE")
          .param(id)
          .query(Long.class)
          .optional()
          .ifPresent(balance -> out.put(id, balance));
    }
    return out;
  }

  /**
   * Makes reservations whose accounts the caller locked ({@link #lockBalances}) and checked, in the
   * caller's transaction: one guarded update per account and one RESERVE ledger row per task.
   *
   * @throws InsufficientCreditsException when an account's balance does not cover its holds
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void reserveAll(List<Hold> holds) {
    Map<String, Long> perAccount = new TreeMap<>();
    holds.forEach(h -> perAccount.merge(h.accountId(), h.amount(), Long::sum));
    perAccount.forEach(
        (account, amount) -> {
          int updated =
              jdbc.sql(
                      "UPDATE accounts SET balance = balance - ?, reserved = reserved + ?"
                          + " WHERE id = ? AND balance >= ?")
                  .params(amount, amount, account, amount)
                  .update();
          if (updated == 0) {
            throw new InsufficientCreditsException(amount);
          }
        });
    long now = clock.millis();
    List<Object[]> rows = new ArrayList<>();
    for (Hold h : holds) {
      rows.add(
          new Object[] {
            h.accountId(),
            "RESERVE",
            -h.amount(),
            h.amount(),
            h.taskId(),
            h.taskId(),
            null,
            null,
            now
          });
    }
    batch.batchUpdate(Settlements.INSERT_LEDGER, rows);
  }

  /**
   * Settles the reservations of finished tasks in the caller's transaction: a capture for the tasks
   * mapped to true, a release for the others; one update per account and one ledger row per task.
   * Tasks without a reservation, or already settled, are left alone.
   *
   * @return the tasks settled now
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Set<String> settleAll(Map<String, Boolean> captureByTask) {
    return settlements.settle(captureByTask);
  }

  public Balance balanceOf(String accountId) {
    return find(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
  }

  /** The totals of an account, when it exists. */
  public Optional<Balance> find(String accountId) {
    return reads.balance(accountId);
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
    jdbc.sql(Settlements.INSERT_LEDGER)
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
}
