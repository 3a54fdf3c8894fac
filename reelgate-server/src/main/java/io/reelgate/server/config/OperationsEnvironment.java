package io.reelgate.server.config;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Switches tracing off unless an OTLP endpoint for traces is configured: {@value #VARIABLE}, or
 * Spring Boot's own {@value #ENDPOINT}. Without a place to send them, spans would only cost time.
 * An explicit {@value #ENABLED} wins (tests turn tracing on with an in-memory exporter that way).
 */
public class TracingSwitch implements EnvironmentPostProcessor, Ordered {
  static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
  static final String ENABLED = "management.tracing.enabled";
  public static final String VARIABLE = "REELGATE_OTLP_ENDPOINT";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    String ours = environment.getProperty(VARIABLE);
    if (ours != null && !ours.isBlank() && environment.getProperty(ENDPOINT) == null) {
      environment
          .getPropertySources()
          .addLast(new MapPropertySource("reelgate-tracing-endpoint", Map.of(ENDPOINT, ours)));
    }
    if (environment.getProperty(ENABLED) != null) {
      return;
    }
    String endpoint = environment.getProperty(ENDPOINT);
    if (endpoint == null || endpoint.isBlank()) {
      environment
          .getPropertySources()
          .addLast(new MapPropertySource("reelgate-tracing-off", Map.of(ENABLED, "false")));
    }
  }

  @Override
  public int getOrder() {
    // why: after the config data (application.yml, REELGATE_CONFIG) is loaded
    return Ordered.LOWEST_PRECEDENCE;
  }
}
