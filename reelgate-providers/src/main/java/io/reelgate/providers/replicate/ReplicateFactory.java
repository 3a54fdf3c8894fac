package io.reelgate.providers.replicate;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.http.UpstreamHttp;

/** Makes {@code replicate} adapters. */
public final class ReplicateFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return ReplicateProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new ReplicateProvider(new UpstreamHttp(runtime, settings));
  }
}
