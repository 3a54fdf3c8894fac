package io.reelgate.server.config;

import io.reelgate.providers.local.LocalProvider;
import io.reelgate.render.LocalRenderer;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by the features: the clock and the built-in render channel. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ReelgateSettings.class, PollingSettings.class})
public class AppConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  LocalRenderer localRenderer() {
    return new LocalRenderer();
  }

  @Bean
  LocalProvider localProvider(
      LocalRenderer renderer, ObjectProvider<LocalProvider.RenderListener> listener) {
    return new LocalProvider(renderer, listener.getIfAvailable(() -> (frames, nanos) -> {}));
  }
}
