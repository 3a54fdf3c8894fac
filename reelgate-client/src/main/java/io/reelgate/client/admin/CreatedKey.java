package io.reelgate.client.admin;

/**
 * A new API key, shown only here.
 *
 * @param keyId the key's id
 * @param apiKey the key itself
 */
public record CreatedKey(String keyId, String apiKey) {}
