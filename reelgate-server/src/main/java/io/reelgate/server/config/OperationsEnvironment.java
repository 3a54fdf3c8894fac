package io.reelgate.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings of logs and traces derived from Reelgate's own variables, before the logging system
 * starts.
 *
 * <p>{@value #LOG_FORMAT} chooses the console format: empty for text lines, {@code json} (the same
 * as {@code ecs}), {@code ecs}, {@code logstash} or {@code gelf} for Spring Boot's structured
 * logging, one JSON object per line.
 *
 * <p>It also switches tracing off unless an OTLP endpoint for traces is configured: {@value
 * #VARIABLE}, or Spring Boot's own {@value #ENDPOINT}. Without a place to send them, spans would
 * only cost time: Spring Boot's own switch only stops the export, while every request, upstream
 * call and task step still made (and sampled) its spans. So "off" leaves the tracing
 * auto-configurations out altogether ({@link #TRACING_AUTO_CONFIGURATIONS}); the tracer is then
 * Micrometer's no-op one and {@value #ENABLED} is {@code false}. An explicit {@value #ENABLED} wins
 * (tests turn tracing on with an in-memory exporter that way).
 */
public class OperationsEnvironment implements EnvironmentPostProcessor, Ordered {
  static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
  static final String ENABLED = "reelgate.tracing.enabled";
  static final String EXCLUDE = "spring.autoconfigure.exclude";

  /** What makes spans: left out while tracing is off. */
  static final List<String> TRACING_AUTO_CONFIGURATIONS =
      List.of(
          "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.zipkin.ZipkinWithOpenTelemetryTracingAutoConfiguration");

  public static final String VARIABLE = "REELGATE_OTLP_ENDPOINT";
  public static final String LOG_FORMAT = "REELGATE_LOG_FORMAT";
  static final String STRUCTURED = "logging.structured.format.console";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    logFormat(environment);
    tracing(environment);
  }

  private static void logFormat(ConfigurableEnvironment environment) {
    String format = environment.getProperty(LOG_FORMAT);
    if (format == null || format.isBlank() || environment.getProperty(STRUCTURED) != null) {
      return;
    }
    String f = format.trim().toLowerCase(java.util.Locale.ROOT);
    String structured =
        switch (f) {
          case "json", "ecs" -> "ecs";
          case "logstash", "gelf" -> f;
          case "text", "plain" -> null;
          default ->
              throw new IllegalStateException(
                  LOG_FORMAT + " must be one of json, ecs, logstash, gelf, text; was " + format);
        };
    if (structured != null) {
      environment
          .getPropertySources()
          .addFirst(new MapPropertySource("reelgate-log-format", Map.of(STRUCTURED, structured)));
    }
  }

  private static void tracing(ConfigurableEnvironment environment) {
    String ours = environment.getProperty(VARIABLE);
    if (ours != null && !ours.isBlank() && environment.getProperty(ENDPOINT) == null) {
      environment
          .getPropertySources()
          .addLast(new MapPropertySource("reelgate-tracing-endpoint", Map.of(ENDPOINT, ours)));
    }
    String explicit = environment.getProperty(ENABLED);
    String endpoint = environment.getProperty(ENDPOINT);
    boolean on =
        explicit != null ? Boolean.parseBoolean(explicit) : endpoint != null && !endpoint.isBlank();
    if (on) {
      return;
    }
    List<String> excluded = new ArrayList<>();
    String already = environment.getProperty(EXCLUDE);
    if (already != null && !already.isBlank()) {
      excluded.addAll(List.of(already.split("\\s*,\\s*")));
    }
    excluded.addAll(TRACING_AUTO_CONFIGURATIONS);
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "reelgate-tracing-off",
                Map.of(ENABLED, "false", EXCLUDE, String.join(",", excluded))));
  }

  @Override
  public int getOrder() {
    // why: after the config data (application.yml, REELGATE_CONFIG) is loaded
    return Ordered.LOWEST_PRECEDENCE;
  }
}
