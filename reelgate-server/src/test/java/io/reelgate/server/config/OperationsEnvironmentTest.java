package io.reelgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class OperationsEnvironmentTest {

  static StandardEnvironment environment(Map<String, Object> values) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("test", values));
    new OperationsEnvironment().postProcessEnvironment(env, null);
    return env;
  }

  @Test
  void jsonLogsAreSpringBootsEcsFormat() {
    assertThat(
            environment(Map.of("REELGATE_LOG_FORMAT", "json"))
                .getProperty("logging.structured.format.console"))
        .isEqualTo("ecs");
    assertThat(
            environment(Map.of("REELGATE_LOG_FORMAT", "logstash"))
                .getProperty("logging.structured.format.console"))
        .isEqualTo("logstash");
    assertThat(environment(Map.of()).getProperty("logging.structured.format.console")).isNull();
  }

  @Test
  void anUnknownLogFormatStopsTheStart() {
    assertThatThrownBy(() -> environment(Map.of("REELGATE_LOG_FORMAT", "xml")))
        .hasMessageContaining("REELGATE_LOG_FORMAT");
  }

  @Test
  void tracingIsOffWithoutAnEndpointAndOnWithOne() {
    StandardEnvironment off = environment(Map.of());
    assertThat(off.getProperty("reelgate.tracing.enabled")).isEqualTo("false");
    assertThat(off.getProperty("spring.autoconfigure.exclude"))
        .contains("MicrometerTracingAutoConfiguration", "OpenTelemetryTracingAutoConfiguration");
    StandardEnvironment on =
        environment(Map.of("REELGATE_OTLP_ENDPOINT", "http://collector:4318/v1/traces"));
    assertThat(on.getProperty("reelgate.tracing.enabled")).isNull();
    assertThat(on.getProperty("spring.autoconfigure.exclude")).isNull();
    assertThat(on.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
        .isEqualTo("http://collector:4318/v1/traces");
    assertThat(
            environment(Map.of("reelgate.tracing.enabled", "true"))
                .getProperty("spring.autoconfigure.exclude"))
        .isNull();
  }

  @Test
  void anOperatorsOwnExclusionsAreKeptWhenTracingIsOff() {
    assertThat(
            environment(Map.of("spring.autoconfigure.exclude", "com.example.SomeAutoConfiguration"))
                .getProperty("spring.autoconfigure.exclude"))
        .startsWith("com.example.SomeAutoConfiguration,")
        .contains("MicrometerTracingAutoConfiguration");
  }
}
