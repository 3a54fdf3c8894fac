package io.reelgate.server.catalog;

import io.reelgate.core.catalog.KindRule;
import io.reelgate.core.catalog.Limits;
import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.catalog.PriceRule;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.OutputSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the {@link ModelCatalog} from configuration and fails start-up when it is inconsistent.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogProperties.class)
public class CatalogConfiguration {
  /** How long a task may run on a channel when its model sets no {@code deadline}. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);

  @Bean
  ModelCatalog modelCatalog(CatalogProperties properties) {
    if (properties.models() == null || properties.models().isEmpty()) {
      throw new IllegalStateException("reelgate.models configures no model");
    }
    List<ModelSpec> specs = new ArrayList<>();
    properties.models().forEach((id, model) -> specs.add(toSpec(id, model)));
    return new ModelCatalog(specs);
  }

  @Bean
  ModelAliases modelAliases(CatalogProperties properties, ModelCatalog catalog) {
    return new ModelAliases(properties.modelAliases(), catalog);
  }

  static ModelSpec toSpec(String id, CatalogProperties.Model m) {
    try {
      Map<GenerationKind, KindRule> kinds = new EnumMap<>(GenerationKind.class);
      m.kinds()
          .forEach(
              (kind, rule) ->
                  kinds.put(
                      kind,
                      new KindRule(
                          rule.minImages(),
                          rule.maxImages(),
                          rule.qualities(),
                          rule.sizes().stream().map(OutputSize::parse).toList())));
      CatalogProperties.Price price = m.price();
      return new ModelSpec(
          id,
          m.family(),
          kinds,
          m.durations(),
          m.maxPromptLength() == null ? 10_000 : m.maxPromptLength(),
          m.qualities(),
          m.routings(),
          m.defaultRouting(),
          new PriceRule(price.creditsPerSecond(), price.qualityFactors(), price.sizeFactors()),
          new Limits(m.limits().requestsPerMinute(), m.limits().concurrentTasks()),
          m.retiredAt(),
          m.deadline() == null ? DEFAULT_DEADLINE : m.deadline());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "reelgate.models." + id + " is not a valid model: " + e.getMessage(), e);
    }
  }
}
