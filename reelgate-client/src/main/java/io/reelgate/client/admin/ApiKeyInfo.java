package io.reelgate.client.admin;

import java.time.Instant;

/**
 * An API key as listed (never the key itself).
 *
 * @param keyId the key's id
 * @param prefix the key's first characters
 * @param createdAt when it was made
 * @param revokedAt when it was revoked, or null
 */
public record ApiKeyInfo(String keyId, String prefix, Instant createdAt, Instant revokedAt) {
  /** Whether the key still works. */
  public boolean isActive() {
    return revokedAt == null;
  }
}
