/**
 * Credits: account wallets and the append-only ledger. A task's reservation, capture and release
 * are each one ledger row plus a guarded update of the account's totals, in the caller's
 * transaction; at most one reservation and one settlement per task, enforced by the database.
 */
package io.reelgate.server.billing;
