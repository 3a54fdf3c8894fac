package io.reelgate.providers.pixazo;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;

/** Makes {@code pixazo} channels (Pixazo's Sora-video API, or another Reelgate's). */
public final class PixazoProviderFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return PixazoProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new PixazoProvider(settings, runtime);
  }
}
