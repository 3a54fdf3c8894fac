package io.reelgate.providers.seedance;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.http.UpstreamHttp;

/** Makes {@code seedance} adapters. */
public final class SeedanceFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return SeedanceProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new SeedanceProvider(new UpstreamHttp(runtime, settings));
  }
}
