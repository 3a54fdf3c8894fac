package io.reelgate.providers.openrouter;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.http.UpstreamHttp;

/** Makes {@code openrouter} adapters. */
public final class OpenRouterFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return OpenRouterProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new OpenRouterProvider(new UpstreamHttp(runtime, settings));
  }
}
