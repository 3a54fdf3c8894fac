package io.reelgate.server.routing;

import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.local.LocalProvider;
import io.reelgate.server.config.PollingSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Builds one configured channel from its {@code reelgate.channels[i]} entry: checks the entry
 * (naming the entry in every message) and creates the channel's adapter with its protocol factory.
 */
final class ChannelBuilder {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final String WEBHOOK_PATH = "/upstream/v1/webhooks/";
  private static final String POLL_INTERVAL_OPTION = "poll-interval";

  private ChannelBuilder() {}

  static Channel build(
      int index,
      ChannelProperties.Entry e,
      LocalProvider local,
      int renders,
      String publicBase,
      PollingSettings polling,
      ModelCatalog catalog,
      ProviderRuntime runtime,
      Map<String, ProviderFactory> factories) {
    String where = where(index, e);
    if (e.id() == null || !ID.matcher(e.id()).matches()) {
      throw new IllegalStateException(
          where
              + ": id must be 1-63 lowercase letters, digits, '-' or '_', starting with a letter"
              + " or digit");
    }
    if (e.protocol() == null || e.protocol().isBlank()) {
      throw new IllegalStateException(where + ": protocol is required");
    }
    boolean isLocal = ChannelRouter.LOCAL.equals(e.protocol());
    ProviderFactory factory = factories.get(e.protocol());
    if (!isLocal && factory == null) {
      List<String> known = new ArrayList<>(factories.keySet());
      known.add(ChannelRouter.LOCAL);
      known.sort(null);
      throw new IllegalStateException(
          where + ": unknown protocol '" + e.protocol() + "'; known: " + String.join(", ", known));
    }
    if (e.models() == null || e.models().isEmpty()) {
      throw new IllegalStateException(where + ": models must list at least one public model");
    }
    Map<String, String> models = new LinkedHashMap<>();
    e.models()
        .forEach(
            (publicId, upstreamId) -> {
              if (catalog.find(publicId).isEmpty()) {
                throw new IllegalStateException(
                    where
                        + ": model '"
                        + publicId
                        + "' is not in the catalog (reelgate.models); known: "
                        + catalog.all().stream().map(ModelSpec::id).sorted().toList());
              }
              models.put(
                  publicId, upstreamId == null || upstreamId.isBlank() ? publicId : upstreamId);
            });
    if (e.cost() != null && e.cost() < 0) {
      throw new IllegalStateException(where + ": cost must not be negative");
    }
    if (e.maxConcurrent() != null && e.maxConcurrent() < 1) {
      throw new IllegalStateException(where + ": max-concurrent must be at least 1");
    }
    if (e.requestTimeout() != null
        && (e.requestTimeout().isNegative() || e.requestTimeout().isZero())) {
      throw new IllegalStateException(where + ": request-timeout must be positive");
    }
    VideoProvider provider;
    if (isLocal) {
      provider = local;
    } else {
      URI webhookUrl = publicBase.isEmpty() ? null : URI.create(publicBase + WEBHOOK_PATH + e.id());
      Map<String, String> options = new LinkedHashMap<>();
      // why: the gateway-wide poll interval is the default of every channel's poll-interval
      options.put(POLL_INTERVAL_OPTION, polling.interval().toMillis() + "ms");
      if (e.options() != null) {
        options.putAll(e.options());
      }
      ChannelSettings settings =
          new ChannelSettings(
              e.id(),
              e.protocol(),
              e.baseUrl(),
              blankToNull(e.apiKey()),
              options,
              e.requestTimeout(),
              webhookUrl,
              blankToNull(e.webhookSecret()));
      try {
        provider = factory.create(settings, runtime);
      } catch (RuntimeException ex) {
        throw new IllegalStateException(where + ": " + ex.getMessage(), ex);
      }
    }
    return new Channel(
        e.id(),
        e.protocol(),
        provider,
        e.route() == null ? Routing.VALUE : e.route(),
        e.cost() == null ? 100 : e.cost(),
        Map.copyOf(models),
        e.maxConcurrent() == null ? (isLocal ? renders : 100) : e.maxConcurrent(),
        ChannelRouter.breaker(e.id()),
        new AtomicInteger());
  }

  static String where(int index, ChannelProperties.Entry e) {
    String id = e == null || e.id() == null ? "" : " (" + e.id() + ")";
    return "reelgate.channels[" + index + "]" + id;
  }

  static String trimSlash(String s) {
    String t = s == null ? "" : s.trim();
    return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
