package io.reelgate.client.admin;

import java.time.Instant;

/**
 * One ledger entry.
 *
 * @param id its id (for paging with {@code before})
 * @param amount the change of the spendable balance
 * @param reserved the change of reserved credits
 * @param kind {@code GRANT}, {@code DEDUCT}, {@code RESERVE}, {@code CAPTURE} or {@code RELEASE}
 * @param taskId the task it belongs to, or null
 * @param at when it was written
 * @param note the operator's note, or null
 */
public record LedgerEntry(
    long id, long amount, long reserved, String kind, String taskId, Instant at, String note) {}
