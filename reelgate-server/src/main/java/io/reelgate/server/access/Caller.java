package io.reelgate.server.access;

/** The account and key an authenticated request acts for. */
public record Caller(String accountId, String keyId) {}
