package io.reelgate.server.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Failed authentications are throttled per source address and per first {@value #PREFIX_LENGTH}
 * characters of the credential sent: each has an allowance of failures that comes back evenly over
 * the window (Bucket4j token buckets, in this node's memory). Once an allowance is used up,
 * requests from that address or with that prefix are refused with 429 before their credential is
 * checked, so guessing gets no answers; a right credential from another address is not affected.
 *
 * <p>Failures and refusals are counted ({@code reelgate.auth.failures}, {@code
 * reelgate.auth.throttled}) and logged only when a source starts being throttled, at most {@value
 * #LOG_LINES_PER_MINUTE} lines a minute. Credentials are never logged.
 */
@Component
@EnableConfigurationProperties(AuthThrottleSettings.class)
public class AuthThrottle {
  /** How much of a credential identifies its prefix bucket (an API key's listed prefix). */
  public static final int PREFIX_LENGTH = 8;

  static final int LOG_LINES_PER_MINUTE = 6;
  private static final Logger log = LoggerFactory.getLogger(AuthThrottle.class);

  /** Which credential failed. */
  public enum Credential {
    API_KEY,
    ADMIN_TOKEN
  }

  private final AuthThrottleSettings settings;
  private final Cache<String, Bucket> buckets;
  private final Bucket logLines =
      Bucket.builder()
          .addLimit(
              l ->
                  l.capacity(LOG_LINES_PER_MINUTE)
                      .refillGreedy(LOG_LINES_PER_MINUTE, Duration.ofMinutes(1)))
          .build();
  private final AtomicLong unlogged = new AtomicLong();
  private final MeterRegistry meters;

  @Autowired
  public AuthThrottle(AuthThrottleSettings settings, ObjectProvider<MeterRegistry> meters) {
    this(settings, meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  public AuthThrottle(AuthThrottleSettings settings, MeterRegistry meters) {
    this.settings = settings;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(settings.window().multipliedBy(2))
            .build();
    this.meters = meters;
  }

  /**
   * Lets an attempt through, or refuses it when its address or the prefix of its credential has no
   * failures left.
   *
   * @throws AuthThrottledException with the wait until one more attempt is let through
   */
  public void check(String address, Credential kind, String credential) {
    long wait = Math.max(waitOf(addressId(address)), waitOf(prefixId(kind, credential)));
    if (wait > 0) {
      counter("reelgate.auth.throttled", kind).increment();
      throw new AuthThrottledException(TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
    }
  }

  /** Whether {@link #check} would let an attempt through; counts nothing. */
  public boolean allows(String address, Credential kind, String credential) {
    return waitOf(addressId(address)) <= 0 && waitOf(prefixId(kind, credential)) <= 0;
  }

  /** Records a failed authentication against its address and its credential's prefix. */
  public void failed(String address, Credential kind, String credential) {
    counter("reelgate.auth.failures", kind).increment();
    boolean addressNowThrottled = useUp(addressId(address), settings.perAddress());
    boolean prefixNowThrottled = useUp(prefixId(kind, credential), settings.perKeyPrefix());
    if (addressNowThrottled || prefixNowThrottled) {
      String what =
          addressNowThrottled
              ? "address " + address
              : (kind == Credential.API_KEY
                  ? "API key prefix " + prefixOf(credential)
                  : "an admin token prefix");
      report(kind, what);
    }
  }

  private void report(Credential kind, String what) {
    if (!logLines.tryConsume(1)) {
      unlogged.incrementAndGet();
      return;
    }
    long skipped = unlogged.getAndSet(0);
    log.warn(
        "Throttling {} after too many failed {} authentications within {}{}",
        what,
        kind == Credential.API_KEY ? "API key" : "admin token",
        settings.window(),
        skipped > 0 ? " (" + skipped + " more sources throttled, not logged)" : "");
  }

  /** Takes one failure from a bucket; true when that used up its allowance. */
  private boolean useUp(String id, int allowance) {
    if (id == null) {
      return false;
    }
    Bucket bucket =
        buckets.get(
            id,
            k ->
                Bucket.builder()
                    .addLimit(l -> l.capacity(allowance).refillGreedy(allowance, settings.window()))
                    .build());
    var probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() && probe.getRemainingTokens() == 0;
  }

  private long waitOf(String id) {
    Bucket bucket = id == null ? null : buckets.getIfPresent(id);
    if (bucket == null) {
      return 0;
    }
    return bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
  }

  private Counter counter(String name, Credential kind) {
    return meters.counter(name, "credential", kind == Credential.API_KEY ? "api_key" : "admin");
  }

  private static String addressId(String address) {
    return address == null ? null : "a|" + address;
  }

  private static String prefixId(Credential kind, String credential) {
    return credential == null || credential.isBlank()
        ? null
        : (kind == Credential.API_KEY ? "k|" : "t|") + prefixOf(credential);
  }

  private static String prefixOf(String credential) {
    String c = credential.trim();
    return c.substring(0, Math.min(PREFIX_LENGTH, c.length()));
  }
}
