package io.reelgate.client;

import java.time.Duration;

/**
 * Per-call settings that override the client's: the {@code Idempotency-Key} of a submission, the
 * number of retries and the timeout. Immutable; build with {@link #builder()}.
 */
public final class RequestOptions {
  private static final RequestOptions NONE = builder().build();

  private final String idempotencyKey;
  private final Integer maxRetries;
  private final Duration timeout;

  private RequestOptions(Builder b) {
    this.idempotencyKey = b.idempotencyKey;
    this.maxRetries = b.maxRetries;
    this.timeout = b.timeout;
  }

  /** No overrides. */
  public static RequestOptions none() {
    return NONE;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The idempotency key to send, or null for a fresh random one per call. */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** The retry count for this call, or null for the client's. */
  public Integer maxRetries() {
    return maxRetries;
  }

  /** The timeout of each attempt, or null for the client's. */
  public Duration timeout() {
    return timeout;
  }

  /** Builds {@link RequestOptions}. */
  public static final class Builder {
    private String idempotencyKey;
    private Integer maxRetries;
    private Duration timeout;

    private Builder() {}

    /**
     * The {@code Idempotency-Key} of a submission (1–255 visible ASCII characters). Within 24 hours
     * the gateway answers the same key and request with the first answer and creates nothing more;
     * use a key of your own to make a submission safe to repeat across process restarts.
     */
    public Builder idempotencyKey(String idempotencyKey) {
      if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7e]{1,255}")) {
        throw new IllegalArgumentException("idempotencyKey must be 1-255 visible ASCII characters");
      }
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /** Retries of this call (0 for none). */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be 0 or more");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** The timeout of each attempt. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** The options. */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
