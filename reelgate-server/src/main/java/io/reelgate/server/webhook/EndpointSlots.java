package io.reelgate.server.webhook;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends in progress per endpoint (scheme, host and port) on this node, capped, so a slow receiver
 * holds up only its own deliveries.
 */
final class EndpointSlots {
  private final int maxPerEndpoint;
  private final ConcurrentHashMap<String, Integer> inUse = new ConcurrentHashMap<>();

  EndpointSlots(int maxPerEndpoint) {
    this.maxPerEndpoint = Math.max(1, maxPerEndpoint);
  }

  /** Takes a slot of the endpoint, when one is free. */
  boolean acquire(String endpoint) {
    AtomicBoolean acquired = new AtomicBoolean();
    inUse.compute(
        endpoint,
        (h, n) -> {
          int current = n == null ? 0 : n;
          if (current >= maxPerEndpoint) {
            return n;
          }
          acquired.set(true);
          return current + 1;
        });
    return acquired.get();
  }

  void release(String endpoint) {
    inUse.computeIfPresent(endpoint, (h, n) -> n <= 1 ? null : n - 1);
  }

  /**
   * The endpoint a URL's sends count against: scheme, host and port, with the scheme's default port
   * filled in, so that two receivers on one host but different ports are capped apart.
   */
  static String endpointOf(String url) {
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      if (port < 0) {
        port =
            switch (scheme) {
              case "http" -> 80;
              case "https" -> 443;
              default -> -1;
            };
      }
      return scheme + "://" + host + ":" + port;
    } catch (Exception e) {
      return "";
    }
  }
}
