package io.reelgate.providers.luma;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.http.UpstreamHttp;

/** Makes {@code luma} adapters. */
public final class LumaFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return LumaProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new LumaProvider(new UpstreamHttp(runtime, settings));
  }
}
