package io.reelgate.providers;

/**
 * Makes adapters of one protocol. Factories are found with {@link java.util.ServiceLoader}, so a
 * new protocol is a new class and a line in {@code META-INF/services}.
 */
public interface ProviderFactory {

  /** The protocol name used in channel configuration. */
  String protocol();

  /**
   * An adapter for one channel.
   *
   * @throws IllegalArgumentException when the settings lack something the protocol needs
   */
  VideoProvider create(ChannelSettings settings, ProviderRuntime runtime);
}
