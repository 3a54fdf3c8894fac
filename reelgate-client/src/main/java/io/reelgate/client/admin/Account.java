package io.reelgate.client.admin;

import java.time.Instant;

/**
 * An account's wallet.
 *
 * @param accountId the account's id
 * @param name its name
 * @param balance spendable credits
 * @param reserved credits held by unfinished tasks
 * @param spent credits charged so far
 * @param createdAt when it was created
 */
public record Account(
    String accountId, String name, long balance, long reserved, long spent, Instant createdAt) {}
