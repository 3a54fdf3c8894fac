package io.reelgate.providers.minimax;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.http.UpstreamHttp;

/** Makes {@code minimax} adapters. */
public final class MiniMaxFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return MiniMaxProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new MiniMaxProvider(new UpstreamHttp(runtime, settings));
  }
}
