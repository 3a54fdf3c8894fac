package io.reelgate.client.admin;

/**
 * A new account with its first API key, shown only here.
 *
 * @param accountId the account's id
 * @param name its name
 * @param keyId the id of its first key
 * @param apiKey the key itself
 * @param webhookSecret the account's webhook signing secret
 * @param balance its starting credits
 */
public record CreatedAccount(
    String accountId,
    String name,
    String keyId,
    String apiKey,
    String webhookSecret,
    long balance) {}
