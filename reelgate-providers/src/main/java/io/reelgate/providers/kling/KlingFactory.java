package io.reelgate.providers.kling;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.http.UpstreamHttp;

/** Makes {@code kling} adapters. */
public final class KlingFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return KlingProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new KlingProvider(new UpstreamHttp(runtime, settings));
  }
}
