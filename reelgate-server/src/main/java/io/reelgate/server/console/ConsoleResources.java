package io.reelgate.server.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the console's files under {@code /console/}. Spring's catch-all static resources are off
 * ({@code spring.web.resources.add-mappings: false}), so that every other unknown path is a 404 in
 * the error shape of the API it is under (ADR 0012); this is the one place static files come from.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleResources implements WebMvcConfigurer {
  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/console/**").addResourceLocations("classpath:/static/console/");
  }
}
