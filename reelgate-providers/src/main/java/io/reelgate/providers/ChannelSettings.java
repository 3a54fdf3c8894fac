package io.reelgate.providers;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one channel reaches its upstream, as configured by the operator.
 *
 * @param id the channel id
 * @param protocol the adapter's protocol name
 * @param baseUrl the upstream's base URL (adapters append their documented paths)
 * @param apiKey the upstream credential, or {@code null}
 * @param options protocol-specific options (for example a Vertex project and location)
 * @param requestTimeout the time limit of one upstream call
 * @param webhookUrl where the upstream may push job updates for this channel, or {@code null} when
 *     the gateway has no public address (polling only)
 * @param webhookSecret the secret that verifies pushed updates, or {@code null}
 */
public record ChannelSettings(
    String id,
    String protocol,
    URI baseUrl,
    String apiKey,
    Map<String, String> options,
    Duration requestTimeout,
    URI webhookUrl,
    String webhookSecret) {

  public ChannelSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(protocol, "protocol");
    options = options == null ? Map.of() : Map.copyOf(options);
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
  }

  /** A protocol-specific option. */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name)).filter(v -> !v.isBlank());
  }

  /**
   * A protocol-specific option that must be present.
   *
   * @throws IllegalArgumentException naming the channel and the option
   */
  public String requiredOption(String name) {
    return option(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "channel " + id + " (" + protocol + ") needs the option '" + name + "'"));
  }

  /**
   * The base URL, which every HTTP protocol needs.
   *
   * @throws IllegalArgumentException naming the channel
   */
  public URI requiredBaseUrl() {
    if (baseUrl == null) {
      throw new IllegalArgumentException("channel " + id + " (" + protocol + ") needs base-url");
    }
    return baseUrl;
  }
}
