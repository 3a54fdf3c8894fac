package io.reelgate.server.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.reelgate.core.FailureCode;
import io.reelgate.core.ReelgateException;
import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.FailureCategory;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.local.LocalProvider;
import io.reelgate.server.config.PollingSettings;
import io.reelgate.server.config.ReelgateSettings;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The channels of this gateway and the order in which a task tries them. Channels come from {@code
 * reelgate.channels}; a model is served by exactly the channels that list it, and a model no
 * channel lists is served by the built-in {@code local} channel (the embedded default).
 *
 * <p>Order per routing strategy (the caller takes the first healthy channel with a free slot):
 *
 * <ul>
 *   <li>{@code official}: only official-route channels, cheapest first;
 *   <li>{@code value}: every channel of the model, cheapest first (value-route before official on
 *       equal cost);
 *   <li>{@code auto}: official-route channels first, then the others, each group cheapest first.
 * </ul>
 *
 * Ties keep configuration order. The built-in local channel fits every strategy.
 */
@Component
public class ChannelRouter {
  /** The id of the built-in channel that renders locally. */
  public static final String LOCAL = "local";

  private final Map<String, Channel> channels;
  private final Map<String, List<Channel>> byModel;
  private final Channel builtinLocal;

  @Autowired
  public ChannelRouter(
      LocalProvider local,
      ReelgateSettings settings,
      PollingSettings polling,
      ChannelProperties properties,
      ModelCatalog catalog,
      Clock clock) {
    this(local, settings, polling, properties, catalog, runtime(clock), factories());
  }

  /**
   * Channels built with the given protocol factories and runtime instead of the ones found on the
   * class path: for tests that bring their own upstreams.
   */
  public ChannelRouter(
      LocalProvider local,
      ReelgateSettings settings,
      PollingSettings polling,
      ChannelProperties properties,
      ModelCatalog catalog,
      ProviderRuntime runtime,
      Map<String, ProviderFactory> factories) {
    int renders = Math.max(1, settings.local().maxConcurrentRenders());
    Map<String, Channel> all = new LinkedHashMap<>();
    Map<String, List<Channel>> models = new LinkedHashMap<>();
    String publicBase = ChannelBuilder.trimSlash(settings.publicBaseUrl());
    for (int i = 0; i < properties.channels().size(); i++) {
      ChannelProperties.Entry entry = properties.channels().get(i);
      Channel channel =
          ChannelBuilder.build(
              i, entry, local, renders, publicBase, polling, catalog, runtime, factories);
      if (all.putIfAbsent(channel.id(), channel) != null) {
        throw new IllegalStateException(
            ChannelBuilder.where(i, entry)
                + ": the id '"
                + channel.id()
                + "' is used by another channel");
      }
      channel.models().keySet().forEach(m -> models.computeIfAbsent(m, k -> new ArrayList<>()));
      channel.models().keySet().forEach(m -> models.get(m).add(channel));
    }
    Channel builtin =
        new Channel(
            LOCAL,
            LOCAL,
            local,
            Routing.OFFICIAL,
            0,
            Map.of(),
            renders,
            breaker(LOCAL),
            new AtomicInteger());
    if (!all.containsKey(LOCAL)) {
      all.put(LOCAL, builtin);
    }
    this.builtinLocal = all.get(LOCAL).models().isEmpty() ? all.get(LOCAL) : null;
    for (ModelSpec model : catalog.all()) {
      if (!models.containsKey(model.id())) {
        if (builtinLocal == null) {
          throw new IllegalStateException(
              "reelgate.models."
                  + model.id()
                  + " has no channel: the configured channel 'local' takes the place of the"
                  + " built-in one, so it must list every model no other channel serves");
        }
        models.put(model.id(), List.of(builtinLocal));
      }
    }
    this.channels = Map.copyOf(all);
    Map<String, List<Channel>> frozen = new TreeMap<>();
    models.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    this.byModel = Map.copyOf(frozen);
  }

  /** The channel with this id, if configured. */
  public Optional<Channel> byId(String id) {
    return Optional.ofNullable(id).map(channels::get);
  }

  /**
   * The channel a task runs on.
   *
   * @throws ProviderException (internal, not retryable) when it is no longer configured, so the
   *     task fails with MODEL_UNAVAILABLE
   */
  public Channel require(String id) {
    return byId(id)
        .orElseThrow(
            () ->
                new ProviderException(
                    FailureCategory.INTERNAL,
                    FailureCode.MODEL_UNAVAILABLE,
                    false,
                    null,
                    "channel " + id + " is no longer configured",
                    null));
  }

  /** Every channel, in id order. */
  public Collection<Channel> all() {
    return channels.values().stream().sorted(Comparator.comparing(Channel::id)).toList();
  }

  /** The public models a channel serves. */
  public List<String> modelsOf(Channel channel) {
    return byModel.entrySet().stream()
        .filter(e -> e.getValue().contains(channel))
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * The channels that may serve a model under a routing strategy, best first (see the class
   * comment). Health and free slots are left to the caller, which sees them change.
   *
   * @throws NoChannelException when no channel fits the strategy
   */
  public List<Channel> candidates(ModelSpec model, Routing routing) {
    List<Channel> serving = byModel.getOrDefault(model.id(), List.of());
    List<Channel> fit = new ArrayList<>();
    for (Channel c : serving) {
      if (c == builtinLocal || routing != Routing.OFFICIAL || c.route() == Routing.OFFICIAL) {
        fit.add(c);
      }
    }
    if (fit.isEmpty()) {
      throw new NoChannelException(model.id(), routing);
    }
    Comparator<Channel> order =
        switch (routing) {
          case OFFICIAL -> Comparator.comparingLong(Channel::cost);
          case VALUE ->
              Comparator.comparingLong(Channel::cost)
                  .thenComparing(c -> c.route() == Routing.OFFICIAL ? 1 : 0);
          case AUTO ->
              Comparator.<Channel>comparingInt(c -> c.route() == Routing.OFFICIAL ? 0 : 1)
                  .thenComparingLong(Channel::cost);
        };
    // why: List.sort is stable, so equal channels keep configuration order
    fit.sort(order);
    return List.copyOf(fit);
  }

  /**
   * A channel's breaker: opens when at least half of the last 20 calls (at least 5) failed, stays
   * open 30 seconds, then lets 3 trial calls through.
   */
  static CircuitBreaker breaker(String channelId) {
    return CircuitBreaker.of(
        channelId,
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(20)
            .minimumNumberOfCalls(5)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(30))
            .permittedNumberOfCallsInHalfOpenState(3)
            .automaticTransitionFromOpenToHalfOpenEnabled(true)
            .build());
  }

  /** The one HTTP client all adapters share: connect timeout, redirects handled by adapters. */
  static ProviderRuntime runtime(Clock clock) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new ProviderRuntime(http, clock);
  }

  /** The protocol factories found on the class path, by protocol. */
  static Map<String, ProviderFactory> factories() {
    Map<String, ProviderFactory> out = new TreeMap<>();
    for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class)) {
      out.putIfAbsent(f.protocol(), f);
    }
    return out;
  }

  /** No channel can serve a model under a routing strategy. */
  public static class NoChannelException extends ReelgateException {
    public NoChannelException(String model, Routing routing) {
      super("no channel serves " + model + " with routing " + routing.wireName(), false);
    }
  }
}
