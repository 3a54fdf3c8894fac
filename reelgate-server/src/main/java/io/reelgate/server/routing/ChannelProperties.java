package io.reelgate.server.routing;

import io.reelgate.core.request.Routing;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The upstream channels as configured under {@code reelgate.channels}. Nothing here is checked by
 * the binder; {@link ChannelRouter} validates the list at start-up and names the broken entry.
 *
 * @param channels the configured channels, in configuration order
 */
@ConfigurationProperties("reelgate")
public record ChannelProperties(List<Entry> channels) {

  public ChannelProperties {
    channels = channels == null ? List.of() : List.copyOf(channels);
  }

  /**
   * One channel.
   *
   * @param id unique channel id ({@code [a-z0-9][a-z0-9_-]*})
   * @param protocol adapter protocol ({@code local}, {@code openai-videos}, {@code fal}...)
   * @param baseUrl the upstream's base URL (every HTTP protocol needs one)
   * @param apiKey the upstream credential
   * @param route {@code official} for the model maker's own API, {@code value} otherwise
   * @param cost relative cost, lower is cheaper; default 100
   * @param maxConcurrent jobs in flight on this channel per node; default 100
   * @param requestTimeout time limit of one upstream call; default 30s
   * @param webhookSecret verifies pushed updates (protocol-specific meaning)
   * @param models public model id → upstream model id
   * @param options protocol-specific options
   */
  public record Entry(
      String id,
      String protocol,
      URI baseUrl,
      String apiKey,
      Routing route,
      Long cost,
      Integer maxConcurrent,
      Duration requestTimeout,
      String webhookSecret,
      Map<String, String> models,
      Map<String, String> options) {}
}
