package io.reelgate.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Loads the YAML file named by {@code REELGATE_CONFIG} (channels, aliases, model overrides) on top
 * of {@code application.yml}: its values win over the packaged defaults, while environment
 * variables, system properties and command-line arguments still win over it. Unset means no extra
 * file; a set name whose file is missing or unreadable stops the start with a message saying so.
 */
public class ExtraConfigFile implements EnvironmentPostProcessor, Ordered {
  /** The environment variable (or property) naming the file. */
  public static final String VARIABLE = "REELGATE_CONFIG";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    String name = environment.getProperty(VARIABLE);
    if (name == null || name.isBlank()) {
      return;
    }
    Path file = Path.of(name.trim());
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalStateException(
          VARIABLE + " names " + file.toAbsolutePath() + ", which is not a readable file");
    }
    List<PropertySource<?>> loaded;
    try {
      loaded =
          new YamlPropertySourceLoader()
              .load("reelgate-config [" + file + "]", new FileSystemResource(file));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          VARIABLE + " names " + file + ", which is not valid YAML: " + e.getMessage(), e);
    }
    MutablePropertySources sources = environment.getPropertySources();
    String firstConfigFile =
        sources.stream()
            .map(PropertySource::getName)
            .filter(n -> n.startsWith("Config resource"))
            .findFirst()
            .orElse(null);
    // why: as in application.yml, a later document of the file wins over an earlier one
    for (int i = 0; i < loaded.size(); i++) {
      if (firstConfigFile == null) {
        sources.addLast(loaded.get(i));
      } else {
        sources.addBefore(firstConfigFile, loaded.get(i));
        firstConfigFile = loaded.get(i).getName();
      }
    }
  }

  @Override
  public int getOrder() {
    // why: after the config-data processor has added application.yml
    return Ordered.LOWEST_PRECEDENCE;
  }
}
