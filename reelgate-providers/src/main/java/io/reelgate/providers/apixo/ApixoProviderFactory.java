package io.reelgate.providers.apixo;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;

/** Makes {@code apixo} channels (APIXO, or another Reelgate through its APIXO dialect). */
public final class ApixoProviderFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return ApixoProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new ApixoProvider(settings, runtime);
  }
}
