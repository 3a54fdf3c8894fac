package io.reelgate.server.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.reelgate.server.fetch.GuardedHttp.Limits;
import io.reelgate.server.fetch.UrlGuard.Target;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP clients of {@link GuardedHttp}, each one's name lookup answering only from addresses the
 * {@link UrlGuard} checked (any other name is refused), so a connection can only go where a check
 * allowed. A GET gets a client of its own that lives for its exchange. A POST uses a long-lived one
 * of its checked target: scheme, host, port, the exact list of checked addresses and the limits, so
 * its connections are kept for the next POST that the guard checks to the same addresses. Those are
 * bounded (ADR 0017): at most {@value #MAX_CLIENTS} clients, each closed {@value
 * #CLIENT_IDLE_SECONDS} s after its last use; connections closed after {@value
 * #CONNECTION_IDLE_SECONDS} s idle and {@value #CONNECTION_TTL_SECONDS} s after they were opened.
 */
final class PinnedClients implements AutoCloseable {
  static final int MAX_CLIENTS = 256;
  static final int CLIENT_IDLE_SECONDS = 60;
  static final int CONNECTION_IDLE_SECONDS = 30;
  static final int CONNECTION_TTL_SECONDS = 120;

  /** Connections per client; more than the webhooks' per-endpoint cap, so that never waits here. */
  static final int MAX_CONNECTIONS = 16;

  /** What a long-lived client may connect to, and with which limits. */
  record Key(String scheme, String host, int port, List<InetAddress> addresses, Limits limits) {}

  private record Pooled(CloseableHttpClient client, PoolingHttpClientConnectionManager manager) {}

  private final ScheduledExecutorService timer;
  private final Cache<Key, Pooled> clients;
  private final ScheduledFuture<?> sweep;

  PinnedClients(ScheduledExecutorService timer) {
    this.timer = timer;
    this.clients =
        Caffeine.newBuilder()
            .maximumSize(MAX_CLIENTS)
            .expireAfterAccess(Duration.ofSeconds(CLIENT_IDLE_SECONDS))
            .executor(Runnable::run)
            .<Key, Pooled>removalListener((key, pooled, cause) -> retire(key, pooled, cause))
            .build();
    this.sweep = timer.scheduleWithFixedDelay(this::sweep, 10, 10, TimeUnit.SECONDS);
  }

  /** The long-lived client of a checked target. */
  CloseableHttpClient shared(Target target, Limits limits) {
    String scheme = target.uri().getScheme().toLowerCase(Locale.ROOT);
    int port = target.uri().getPort();
    if (port < 0) {
      port = scheme.equals("https") ? 443 : 80;
    }
    Key key = new Key(scheme, target.host(), port, target.addresses(), limits);
    return clients
        .get(key, k -> pooled(Map.of(k.host(), k.addresses()), k.limits(), MAX_CONNECTIONS))
        .client();
  }

  /**
   * A client for one exchange whose name lookup is {@code pinned}, which the exchange fills hop by
   * hop: a name that was not checked cannot be connected to.
   */
  static CloseableHttpClient forOneExchange(Map<String, List<InetAddress>> pinned, Limits limits) {
    return pooled(pinned, limits, 0).client();
  }

  /** How many long-lived clients there are (for tests). */
  long size() {
    clients.cleanUp();
    return clients.estimatedSize();
  }

  @Override
  public void close() {
    sweep.cancel(false);
    clients.asMap().values().forEach(p -> p.client().close(CloseMode.GRACEFUL));
    clients.invalidateAll();
  }

  private void sweep() {
    try {
      clients.cleanUp();
      for (Pooled pooled : clients.asMap().values()) {
        pooled.manager().closeExpired();
        pooled.manager().closeIdle(TimeValue.ofSeconds(CONNECTION_IDLE_SECONDS));
      }
    } catch (RuntimeException e) {
      // why: the next sweep tries again; a failure must not cancel the schedule
    }
  }

  /**
   * Closes a client that left the cache once no exchange can still be using it: one that took it
   * just before ends within its limits' total time.
   */
  private void retire(Key key, Pooled pooled, RemovalCause cause) {
    if (pooled == null) {
      return;
    }
    long delay = key.limits().totalTimeout().plusSeconds(5).toMillis();
    try {
      timer.schedule(() -> pooled.client().close(CloseMode.GRACEFUL), delay, TimeUnit.MILLISECONDS);
    } catch (RuntimeException rejected) {
      pooled.client().close(CloseMode.IMMEDIATE);
    }
  }

  /**
   * @param maxConnections connections the pool may keep and reuse; zero for a client of one
   *     exchange, which keeps none past it
   */
  private static Pooled pooled(
      Map<String, List<InetAddress>> pinned, Limits limits, int maxConnections) {
    Timeout connect = Timeout.of(limits.connectTimeout());
    Timeout total = Timeout.of(limits.totalTimeout());
    ConnectionConfig.Builder connections =
        ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(total);
    PoolingHttpClientConnectionManagerBuilder manager =
        PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(pinnedLookup(pinned));
    if (maxConnections > 0) {
      connections
          .setTimeToLive(TimeValue.ofSeconds(CONNECTION_TTL_SECONDS))
          // why: a receiver may have closed an idle connection; checked before a POST goes out
          .setValidateAfterInactivity(TimeValue.ofSeconds(1));
      manager.setMaxConnPerRoute(maxConnections).setMaxConnTotal(maxConnections);
    }
    PoolingHttpClientConnectionManager built =
        manager.setDefaultConnectionConfig(connections.build()).build();
    CloseableHttpClient client =
        HttpClients.custom()
            .setConnectionManager(built)
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(total).build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .setUserAgent("Reelgate")
            .build();
    return new Pooled(client, built);
  }

  private static DnsResolver pinnedLookup(Map<String, List<InetAddress>> pinned) {
    return new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        String key = host.toLowerCase(Locale.ROOT);
        if (key.startsWith("[") && key.endsWith("]")) {
          key = key.substring(1, key.length() - 1);
        }
        List<InetAddress> addresses = pinned.get(key);
        if (addresses == null) {
          throw new UnknownHostException(host + " was not checked");
        }
        return addresses.toArray(InetAddress[]::new);
      }

      @Override
      public String resolveCanonicalHostname(String host) {
        return host;
      }
    };
  }
}
