package io.reelgate.providers.vertex;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;

/** Makes {@code vertex} channels (Veo on Vertex AI); they need the options project and location. */
public final class VertexProviderFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return VertexProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new VertexProvider(settings, runtime);
  }
}
