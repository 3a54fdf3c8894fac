package io.reelgate.server.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.reelgate.server.db.Database;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Submissions per minute of a key and model, as Bucket4j token buckets: capacity = the limit,
 * refilled evenly over a minute. On PostgreSQL the buckets live in the database (Bucket4j's
 * select-for-update proxy, table {@code rate_limit_buckets}), so every node sharing it counts
 * against the same bucket. The embedded H2 database serves one process only, so there they are kept
 * in memory (and start full after a restart).
 *
 * <p>Every take is a transaction of its own on the bucket's row, and the takes of one key queue on
 * that row's lock. Waiting for each of those commits to reach the disk made one key's submissions
 * as slow as the disk's flushes; a bucket is worth less than that (lost with the last moments
 * before a crash of the database, it only lets a key submit a little more than its limit once), so
 * on PostgreSQL the buckets use a small pool of their own whose sessions commit without waiting for
 * the flush ({@code synchronous_commit = off}; ADR 0015). Everything else keeps durable commits.
 */
@Component
public class SubmissionRateLimiter implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(SubmissionRateLimiter.class);
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final ProxyManager<String> shared;
  private final HikariDataSource ownPool;
  // why: one bucket object per id, made once (on PostgreSQL a proxy of the row; in memory the
  // bucket itself). Bucket4j's batching optimization would let concurrent takes share one round
  // trip, but version 8.19 fails a batch that meets a bucket the database does not have yet.
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(WINDOW.multipliedBy(2)).build();

  public SubmissionRateLimiter(DataSource dataSource, Database database) {
    this.ownPool =
        database instanceof Database.Shared && dataSource instanceof HikariDataSource hikari
            ? bucketPool(hikari)
            : null;
    this.shared =
        switch (database) {
          case Database.Shared postgres -> postgres(ownPool != null ? ownPool : dataSource);
          case Database.Embedded embedded -> null;
        };
    log.info(
        "submission rate limits are kept {}",
        shared == null
            ? "in memory (embedded database)"
            : ownPool != null
                ? "in PostgreSQL (a pool of their own, commits not waiting for the disk)"
                : "in PostgreSQL");
  }

  /**
   * Takes one submission from the key's bucket for the model.
   *
   * @throws LimitExceededException when the bucket is empty, with the wait until a token is back
   */
  public void consume(String keyId, String model, int perMinute) {
    // why: the limit is part of the bucket's id, so a changed limit starts a fresh bucket
    String id = keyId + "|" + model + "|" + perMinute;
    Bucket bucket =
        buckets.get(
            id,
            k ->
                shared != null
                    ? shared.builder().build(k, () -> configuration(perMinute))
                    : Bucket.builder()
                        .addLimit(configuration(perMinute).getBandwidths()[0])
                        .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L);
      throw new LimitExceededException(
          LimitExceededException.Kind.REQUESTS_PER_MINUTE, model, perMinute, seconds);
    }
  }

  private static BucketConfiguration configuration(int perMinute) {
    return BucketConfiguration.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, WINDOW))
        .build();
  }

  /** At most four connections, opened on first use, that commit without waiting for the disk. */
  private static HikariDataSource bucketPool(HikariDataSource main) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("reelgate-rate-limits");
    config.setJdbcUrl(main.getJdbcUrl());
    config.setUsername(main.getUsername());
    config.setPassword(main.getPassword());
    config.setDriverClassName(main.getDriverClassName());
    config.setDataSourceProperties(main.getDataSourceProperties());
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setConnectionInitSql("SET synchronous_commit TO OFF");
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  @Override
  public void destroy() {
    if (ownPool != null) {
      ownPool.close();
    }
  }

  private static ProxyManager<String> postgres(DataSource dataSource) {
    return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
        .primaryKeyMapper(PrimaryKeyMapper.STRING)
        .table("rate_limit_buckets")
        .idColumn("id")
        .stateColumn("state")
        .expiresAtColumn("expires_at")
        .expirationAfterWrite(
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(WINDOW))
        .build();
  }
}
