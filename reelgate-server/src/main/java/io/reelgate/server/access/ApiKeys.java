package io.reelgate.server.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.reelgate.server.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * API keys: random, shown once, stored only as SHA-256 hashes. A key is {@code rg_} followed by 40
 * random characters, so it has about 238 bits of entropy and a plain hash is enough.
 *
 * <p>Keys that authenticated are remembered for {@link #REMEMBERED_FOR}, so a client polling its
 * tasks does not cost a key query per request. A revocation on this node forgets the key at once;
 * other nodes of a cluster stop accepting it within that time.
 */
@Service
public class ApiKeys {
  /** How long a key that authenticated is accepted without asking the database again. */
  public static final Duration REMEMBERED_FOR = Duration.ofSeconds(5);

  private static final String PREFIX = "rg_";

  private final JdbcClient jdbc;
  private final Clock clock;
  // why: only keys that authenticated are kept, so random keys cannot fill it
  private final Cache<String, Caller> recent =
      Caffeine.newBuilder().expireAfterWrite(REMEMBERED_FOR).maximumSize(10_000).build();

  public ApiKeys(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A new random key (not stored). */
  public static String generate() {
    return PREFIX + Ids.secret(40);
  }

  /** Stores the hash of {@code rawKey} for the account and returns the key id. */
  public String register(String accountId, String rawKey) {
    String keyId = Ids.timeOrdered("key_", clock.millis());
    jdbc.sql(
            "INSERT INTO api_keys (id, account_id, key_hash, key_prefix, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(keyId, accountId, hash(rawKey), displayPrefix(rawKey), clock.millis())
        .update();
    return keyId;
  }

  /** The account and key of a raw key, when it exists and is not revoked. */
  public Optional<Caller> authenticate(String rawKey) {
    if (rawKey == null || rawKey.isBlank() || rawKey.length() > 200) {
      return Optional.empty();
    }
    String hash = hash(rawKey.trim());
    Caller known = recent.getIfPresent(hash);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Caller> caller =
        jdbc.sql("SELECT account_id, id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")
            .param(hash)
            .query((rs, n) -> new Caller(rs.getString(1), rs.getString(2)))
            .optional();
    caller.ifPresent(c -> recent.put(hash, c));
    return caller;
  }

  /** Whether a key (by its raw value) is registered, revoked or not. */
  public boolean exists(String rawKey) {
    return jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE key_hash = ?")
            .param(hash(rawKey))
            .query(Long.class)
            .single()
        > 0;
  }

  /** A key as listed to operators: never the key itself, only its first characters. */
  public record KeyInfo(
      String keyId, String accountId, String prefix, long createdAt, Long revokedAt) {}

  /** The key with this id, revoked or not. */
  public Optional<KeyInfo> find(String keyId) {
    return jdbc.sql(
            "SELECT id, account_id, key_prefix, created_at, revoked_at FROM api_keys WHERE id = ?")
        .param(keyId)
        .query(ApiKeys::info)
        .optional();
  }

  /** The account's keys, oldest first, revoked ones included. */
  public List<KeyInfo> list(String accountId) {
    return jdbc.sql(
            "SELECT id, account_id, key_prefix, created_at, revoked_at FROM api_keys"
                + " WHERE account_id = ? ORDER BY created_at, id")
        .param(accountId)
        .query(ApiKeys::info)
        .list();
  }

  /**
   * Revokes a key: it stops authenticating at once. Revoking a revoked key changes nothing.
   *
   * @return false when no key has this id
   */
  public boolean revoke(String keyId) {
    recent.asMap().values().removeIf(c -> c.keyId().equals(keyId));
    jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .params(clock.millis(), keyId)
        .update();
    // why: again after the update, in case a lookup that read the row before it was remembered
    recent.asMap().values().removeIf(c -> c.keyId().equals(keyId));
    return find(keyId).isPresent();
  }

  private static KeyInfo info(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new KeyInfo(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getObject(5, Long.class));
  }

  static String displayPrefix(String rawKey) {
    return rawKey.substring(0, Math.min(8, rawKey.length()));
  }

  static String hash(String rawKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(rawKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
