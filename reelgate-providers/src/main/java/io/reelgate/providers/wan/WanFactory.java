package io.reelgate.providers.wan;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.http.UpstreamHttp;

/** Makes {@code wan} adapters. */
public final class WanFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return WanProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new WanProvider(new UpstreamHttp(runtime, settings));
  }
}
