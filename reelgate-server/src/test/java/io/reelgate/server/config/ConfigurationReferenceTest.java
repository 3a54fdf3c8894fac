package io.reelgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlMapFactoryBean;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docs/configuration.md} is made from the configuration metadata that
 * spring-boot-configuration-processor writes for Reelgate's {@code @ConfigurationProperties}
 * classes, and from {@code application.yml} (which variables feed which settings, and their
 * defaults). This test makes the document again and fails when the committed one differs; {@code
 * CONFIG_REFERENCE_UPDATE=1} writes it instead.
 */
class ConfigurationReferenceTest {
  static final Path DOCUMENT = Path.of("..", "docs", "configuration.md");
  static final String REGENERATE =
      "CONFIG_REFERENCE_UPDATE=1 ./mvnw -pl reelgate-server -am test"
          + " -Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false";
  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):?([^}]*)}");

  /** Variables read by Reelgate itself rather than bound to one setting. */
  static final Map<String, String> OWN_VARIABLES =
      Map.of(
          "REELGATE_CONFIG",
          "Path of an extra YAML file loaded on top of application.yml (channels, model aliases,"
              + " retirements, deadlines); a name whose file is missing stops the start.",
          OperationsEnvironment.LOG_FORMAT,
          "json (the same as ecs), ecs, logstash or gelf: one JSON object per log line; empty"
              + " for text lines.",
          OperationsEnvironment.VARIABLE,
          "OTLP endpoint of traces (for example http://collector:4318/v1/traces); tracing is off"
              + " while it is empty.");

  record Row(String setting, String variable, String defaultValue, String meaning) {}

  @Test
  void theConfigurationReferenceIsCurrent() throws IOException {
    String made = document();
    String committed = Files.exists(DOCUMENT) ? Files.readString(DOCUMENT) : "";
    if (!made.equals(committed) && "1".equals(System.getenv("CONFIG_REFERENCE_UPDATE"))) {
      Files.writeString(DOCUMENT, made);
      committed = made;
    }
    assertThat(committed)
        .as("docs/configuration.md is out of date; regenerate it with: " + REGENERATE)
        .isEqualTo(made);
  }

  static String document() throws IOException {
    Map<String, String[]> placeholders = placeholders();
    Map<String, Row> rows = new TreeMap<>();
    for (JsonNode p : metadata().get("properties")) {
      String name = p.get("name").stringValue();
      if (!name.startsWith("reelgate.")) {
        continue;
      }
      String[] bound = placeholders.remove(name);
      String variable = bound != null ? bound[0] : relaxed(name);
      String def =
          bound != null && !bound[1].isEmpty()
              ? bound[1]
              : p.has("defaultValue") ? text(p.get("defaultValue")) : "";
      String meaning =
          p.has("description")
              ? p.get("description").stringValue().replaceAll("\\{@(?:code|link) ([^}]*)}", "`$1`")
              : "";
      rows.put(name, new Row(name, variable, def, meaning));
    }
    // settings of Spring Boot that application.yml feeds from Reelgate's variables
    placeholders.forEach(
        (name, bound) -> rows.put(name, new Row(name, bound[0], bound[1], springMeaning(name))));
    StringBuilder out = new StringBuilder();
    out.append("# Configuration reference\n\n")
        .append("<!-- made by ConfigurationReferenceTest from the configuration metadata and")
        .append(" application.yml; regenerate with:\n     ")
        .append(REGENERATE)
        .append(" -->\n\n")
        .append("Every setting can be given as the environment variable shown, as a system")
        .append(" property or command-line argument (`--reelgate.polling.interval=10s`), or in")
        .append(" the file named by `REELGATE_CONFIG`. Lists and maps (channels, models, aliases)")
        .append(" are easiest in that file; see the README.\n\n")
        .append("## Variables read by Reelgate itself\n\n| variable | meaning |\n|---|---|\n");
    new TreeMap<>(OWN_VARIABLES)
        .forEach((v, m) -> out.append("| `").append(v).append("` | ").append(m).append(" |\n"));
    out.append("\n## Settings\n\n| setting | environment variable | default | meaning |\n")
        .append("|---|---|---|---|\n");
    for (Row r : rows.values()) {
      out.append("| `")
          .append(r.setting())
          .append("` | `")
          .append(r.variable())
          .append("` | ")
          .append(r.defaultValue().isEmpty() ? "" : "`" + r.defaultValue() + "`")
          .append(" | ")
          .append(r.meaning().replace("\n", " ").replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }

  /** Spring Boot's own environment name of a setting (relaxed binding). */
  static String relaxed(String name) {
    return name.replaceAll("\\[[^]]*]", "")
        .replace('.', '_')
        .replace("-", "")
        .toUpperCase(Locale.ROOT);
  }

  private static String text(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(v -> items.add(v.asString()));
      return String.join(",", items);
    }
    return value.asString();
  }

  private static String springMeaning(String name) {
    return switch (name) {
      case "server.port" -> "HTTP port of the API.";
      case "management.server.port" ->
          "Port of /actuator (health, info, Prometheus metrics); empty means the API's port.";
      case "spring.datasource.url" ->
          "JDBC URL of the database; PostgreSQL in production, an H2 file by default.";
      case "spring.datasource.username" -> "Database user.";
      case "spring.datasource.password" -> "Database password.";
      case "management.tracing.sampling.probability" ->
          "Share of requests traced (0.0 to 1.0) when tracing is on.";
      default -> "";
    };
  }

  /** Every setting of application.yml whose value is ${VARIABLE:default}: name → [var, def]. */
  static Map<String, String[]> placeholders() {
    YamlMapFactoryBean yaml = new YamlMapFactoryBean();
    yaml.setResources(new ClassPathResource("application.yml"));
    Map<String, String[]> out = new LinkedHashMap<>();
    flatten("", yaml.getObject(), out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Object value, Map<String, String[]> out) {
    if (value instanceof Map<?, ?> map) {
      ((Map<String, Object>) map)
          .forEach((k, v) -> flatten(prefix.isEmpty() ? k : prefix + "." + k, v, out));
    } else if (value instanceof String s) {
      Matcher m = PLACEHOLDER.matcher(s);
      if (m.find() && m.start() == 0) {
        out.put(prefix, new String[] {m.group(1), m.group(2)});
      }
    }
  }

  /** The metadata of this module (target/classes), not that of a dependency. */
  static JsonNode metadata() throws IOException {
    List<URL> all =
        Collections.list(
            ConfigurationReferenceTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"));
    URL ours =
        all.stream()
            .filter(u -> u.getProtocol().equals("file"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no configuration metadata of our own: " + all));
    try (InputStream in = ours.openStream()) {
      return JsonMapper.builder()
          .build()
          .readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
