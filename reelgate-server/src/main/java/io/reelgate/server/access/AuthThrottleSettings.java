package io.reelgate.server.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed authentications (a wrong API key or admin token) are allowed within a window
 * before further attempts are answered 429 without being checked ({@code
 * reelgate.auth-throttle.*}).
 *
 * @param perAddress failures allowed per source address
 * @param perKeyPrefix failures allowed per first {@value AuthThrottle#PREFIX_LENGTH} characters of
 *     the credential sent
 * @param window the window; the allowance comes back evenly over it
 */
@ConfigurationProperties("reelgate.auth-throttle")
public record AuthThrottleSettings(
    @DefaultValue("20") int perAddress,
    @DefaultValue("20") int perKeyPrefix,
    @DefaultValue("1m") Duration window) {
  public AuthThrottleSettings {
    if (perAddress < 1 || perKeyPrefix < 1) {
      throw new IllegalArgumentException(
          "reelgate.auth-throttle.per-address and per-key-prefix must be at least 1");
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("reelgate.auth-throttle.window must be positive");
    }
  }
}
