package io.reelgate.server.fetch;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The name resolver of the guarded fetcher: the system's. */
@Configuration(proxyBeanMethods = false)
class FetchConfiguration {
  @Bean
  HostResolver hostResolver() {
    return HostResolver.SYSTEM;
  }
}
