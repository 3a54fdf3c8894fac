package io.reelgate.providers.runway;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.http.UpstreamHttp;

/** Makes {@code runway} adapters. */
public final class RunwayFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return RunwayProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new RunwayProvider(new UpstreamHttp(runtime, settings));
  }
}
