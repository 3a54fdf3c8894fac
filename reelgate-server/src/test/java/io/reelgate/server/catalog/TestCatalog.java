package io.reelgate.server.catalog;

import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.server.config.ReelgateSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The model catalog and gateway settings as the shipped {@code application.yml} configures them,
 * without starting Spring: for tests of parsers and fetchers that need real specs.
 */
public final class TestCatalog {
  private static final ModelCatalog CATALOG = load();

  private TestCatalog() {}

  /** The whole catalog. */
  public static ModelCatalog catalog() {
    return CATALOG;
  }

  public static ModelSpec spec(String id) {
    return CATALOG.find(id).orElseThrow();
  }

  /** The gateway settings with every default, plus the given overrides. */
  public static ReelgateSettings settings(Map<String, String> overrides) {
    return new Binder(new MapConfigurationPropertySource(overrides))
        .bindOrCreate("reelgate", ReelgateSettings.class);
  }

  private static ModelCatalog load() {
    try {
      List<PropertySource<?>> sources =
          new YamlPropertySourceLoader()
              .load("application", new ClassPathResource("application.yml"));
      Binder binder = new Binder(ConfigurationPropertySources.from(sources));
      CatalogProperties properties = binder.bind("reelgate", CatalogProperties.class).get();
      return new CatalogConfiguration().modelCatalog(properties);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
