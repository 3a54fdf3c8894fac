package io.reelgate.client.admin;

import java.util.List;

/**
 * Ledger entries, newest first.
 *
 * @param entries the entries
 * @param next the path of the next page, or null on the last
 */
public record LedgerPage(List<LedgerEntry> entries, String next) {
  /** The {@code before} to pass for the next page, or null on the last. */
  public Long nextBefore() {
    return next == null || entries.isEmpty() ? null : entries.get(entries.size() - 1).id();
  }
}
