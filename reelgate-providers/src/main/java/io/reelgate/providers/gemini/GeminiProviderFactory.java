package io.reelgate.providers.gemini;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.VideoProvider;

/** Makes {@code gemini} channels (Veo through the Gemini API). */
public final class GeminiProviderFactory implements ProviderFactory {
  @Override
  public String protocol() {
    return GeminiProvider.PROTOCOL;
  }

  @Override
  public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
    return new GeminiProvider(settings, runtime);
  }
}
