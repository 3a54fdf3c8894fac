package io.reelgate.providers.openai;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.http.UpstreamHttp;

/** Makes {@code openai-videos} adapters. */
public final class OpenAiVideosFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return OpenAiVideosProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new OpenAiVideosProvider(new UpstreamHttp(runtime, settings));
  }
}
