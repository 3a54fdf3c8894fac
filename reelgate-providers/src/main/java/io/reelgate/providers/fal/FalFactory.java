package io.reelgate.providers.fal;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.http.UpstreamHttp;

/** Makes {@code fal} adapters. */
public final class FalFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return FalProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new FalProvider(new UpstreamHttp(runtime, settings));
  }
}
