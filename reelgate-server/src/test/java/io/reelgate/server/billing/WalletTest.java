package io.reelgate.server.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgate.server.support.MemoryDatabase;
import io.reelgate.server.support.SettableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** The wallet over an in-memory database: every change is a ledger row and a guarded total. */
class WalletTest {
  final MemoryDatabase db = new MemoryDatabase();
  final Wallet wallet = new Wallet(db.template, new SettableClock(Instant.EPOCH));

  @AfterEach
  void drop() {
    db.drop();
  }

  String account(long credits) {
    return db.tx.execute(s -> wallet.createAccount("w", credits));
  }

  long ledgerSum(String account) {
    return db.jdbc
        .sql("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE account_id = ?")
        .param(account)
        .query(Long.class)
        .single();
  }

  boolean capture(String taskId) {
    return Boolean.TRUE.equals(db.tx.execute(s -> wallet.capture(taskId)));
  }

  boolean release(String taskId) {
    return Boolean.TRUE.equals(db.tx.execute(s -> wallet.release(taskId)));
  }

  @Test
  void aReservationIsCapturedOrReleasedExactlyOnce() {
    String a = account(100);
    db.tx.executeWithoutResult(s -> wallet.reserve(a, "t1", 30));
    db.tx.executeWithoutResult(s -> wallet.reserve(a, "t2", 50));
    assertThat(wallet.balanceOf(a)).isEqualTo(new Wallet.Balance(20, 80, 0));
    assertThat(capture("t1")).isTrue();
    assertThat(release("t1")).isFalse();
    assertThat(capture("t1")).isFalse();
    assertThat(release("t2")).isTrue();
    assertThat(capture("t2")).isFalse();
    assertThat(wallet.balanceOf(a)).isEqualTo(new Wallet.Balance(70, 0, 30));
    assertThat(ledgerSum(a)).isEqualTo(70);
  }

  @Test
  void aReservationLargerThanTheBalanceChangesNothing() {
    String a = account(100);
    assertThatThrownBy(() -> db.tx.executeWithoutResult(s -> wallet.reserve(a, "t", 101)))
        .isInstanceOf(InsufficientCreditsException.class);
    assertThat(wallet.balanceOf(a)).isEqualTo(new Wallet.Balance(100, 0, 0));
    assertThat(ledgerSum(a)).isEqualTo(100);
  }

  @Test
  void aTaskHasOneReservationAtMost() {
    String a = account(100);
    db.tx.executeWithoutResult(s -> wallet.reserve(a, "t", 10));
    assertThatThrownBy(() -> db.tx.executeWithoutResult(s -> wallet.reserve(a, "t", 10)))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(wallet.balanceOf(a)).isEqualTo(new Wallet.Balance(90, 10, 0));
  }

  @Test
  void settlingATaskWithoutReservationDoesNothing() {
    account(100);
    assertThat(capture("never-reserved")).isFalse();
  }

  @Test
  void adjustmentsGrantAndDeductButNeverBelowZero() {
    String a = account(0);
    Wallet.Balance afterGrant = db.tx.execute(s -> wallet.adjust(a, 500, "top-up"));
    assertThat(afterGrant).isEqualTo(new Wallet.Balance(500, 0, 0));
    Wallet.Balance afterDeduction = db.tx.execute(s -> wallet.adjust(a, -200, "refund"));
    assertThat(afterDeduction).isEqualTo(new Wallet.Balance(300, 0, 0));
    assertThatThrownBy(() -> db.tx.execute(s -> wallet.adjust(a, -301, "too much")))
        .isInstanceOf(InsufficientCreditsException.class);
    assertThat(wallet.ledger(a, Long.MAX_VALUE, 10))
        .extracting(Wallet.Entry::kind)
        .containsExactly("DEDUCT", "GRANT");
    assertThat(wallet.account(a).orElseThrow().name()).isEqualTo("w");
    assertThat(wallet.account("acct_missing")).isEmpty();
  }
}
