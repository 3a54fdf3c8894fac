package io.reelgate.server.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the console's files from {@code classpath:/static/console/} under {@code /console/}: the
 * only static files Reelgate serves ({@code spring.web.resources.add-mappings} is off, so any other
 * unknown path is a 404 in its dialect's error shape).
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleResources implements WebMvcConfigurer {
  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler(ConsoleHeaders.PREFIX + "/**")
        .addResourceLocations("classpath:/static/console/")
        .setCacheControl(CacheControl.noCache());
  }
}
