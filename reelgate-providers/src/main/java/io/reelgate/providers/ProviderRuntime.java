package io.reelgate.providers;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;

/**
 * What the gateway hands an adapter: the only HTTP client and the only clock it may use, so that
 * tests can drive adapters against local stubs and a fixed time.
 */
public record ProviderRuntime(HttpClient http, Clock clock) {
  public ProviderRuntime {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(clock, "clock");
  }
}
