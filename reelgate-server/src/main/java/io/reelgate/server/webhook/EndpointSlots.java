package io.reelgate.server.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends in progress per endpoint (scheme, host and port) on this node, capped, so a slow receiver
 * holds up only its own deliveries. Each endpoint has a fair semaphore: a send may take a slot only
 * if one is free and nobody waits ({@link #acquire(String)}), or wait for one in turn, for a
 * bounded time ({@link #acquire(String, Duration)}). An endpoint's entry exists only while someone
 * holds or waits for one of its slots, so endpoints seen once do not pile up.
 */
final class EndpointSlots {
  /** The most first sends that wait for one endpoint; more go to their durable job at once. */
  static final int MAX_WAITING_PER_ENDPOINT = 10_000;

  private final int maxPerEndpoint;
  private final int maxWaiting;
  private final ConcurrentHashMap<String, Slots> byEndpoint = new ConcurrentHashMap<>();

  /** One endpoint's slots and how many hold or wait for one (changed only inside compute). */
  private static final class Slots {
    final Semaphore free;
    int users;

    Slots(int max) {
      free = new Semaphore(max, true);
    }
  }

  EndpointSlots(int maxPerEndpoint) {
    this(maxPerEndpoint, MAX_WAITING_PER_ENDPOINT);
  }

  EndpointSlots(int maxPerEndpoint, int maxWaiting) {
    this.maxPerEndpoint = Math.max(1, maxPerEndpoint);
    this.maxWaiting = Math.max(0, maxWaiting);
  }

  /** Takes a slot of the endpoint when one is free and no send waits for one; never blocks. */
  boolean acquire(String endpoint) {
    return acquire(endpoint, Duration.ZERO);
  }

  /**
   * Takes a slot of the endpoint, waiting in turn (first come, first served) for at most {@code
   * maxWait}. Does not wait when {@value #MAX_WAITING_PER_ENDPOINT} sends already wait for it, nor
   * when the thread is interrupted.
   *
   * @return whether a slot was taken; then {@link #release(String)} must follow
   */
  boolean acquire(String endpoint, Duration maxWait) {
    boolean[] mayWait = {false};
    Slots slots =
        byEndpoint.compute(
            endpoint,
            (e, s) -> {
              Slots entry = s == null ? new Slots(maxPerEndpoint) : s;
              mayWait[0] = entry.users < maxPerEndpoint + maxWaiting;
              entry.users++;
              return entry;
            });
    boolean taken;
    try {
      long nanos = mayWait[0] ? Math.max(0, maxWait.toNanos()) : 0;
      // why: the timed form keeps the order even with a zero wait; tryAcquire() would jump it
      taken = slots.free.tryAcquire(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      taken = false;
    }
    if (!taken) {
      leave(endpoint);
    }
    return taken;
  }

  void release(String endpoint) {
    Slots slots = byEndpoint.get(endpoint);
    if (slots == null) {
      return;
    }
    slots.free.release();
    leave(endpoint);
  }

  /** How many endpoints have slots held or waited for (for tests). */
  int endpointsKnown() {
    return byEndpoint.size();
  }

  private void leave(String endpoint) {
    byEndpoint.computeIfPresent(endpoint, (e, s) -> --s.users == 0 ? null : s);
  }

  /**
   * How long a first send may wait for a slot: never so long that it could still be sending when
   * its durable job is due ({@code backstop} after the commit), an attempt taking up to {@code
   * timeout}; at most 30 s, and zero when the timeout leaves no room.
   */
  static Duration firstSendWait(Duration backstop, Duration timeout) {
    Duration room = backstop.minus(timeout.multipliedBy(2)).minusSeconds(10);
    Duration cap = Duration.ofSeconds(30);
    return room.isNegative() ? Duration.ZERO : room.compareTo(cap) > 0 ? cap : room;
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
