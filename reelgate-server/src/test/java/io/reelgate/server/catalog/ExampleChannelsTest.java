package io.reelgate.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.ProviderException;
import io.reelgate.providers.local.LocalProvider;
import io.reelgate.render.LocalRenderer;
import io.reelgate.server.config.ExtraConfigFile;
import io.reelgate.server.config.PollingSettings;
import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelProperties;
import io.reelgate.server.routing.ChannelRouter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The shipped {@code examples/channels.yml}, loaded the way the server loads {@code
 * REELGATE_CONFIG} (on top of the packaged {@code application.yml}, placeholders from the
 * environment), builds every channel with the adapters found on the class path, and serves the
 * seeds' requests of each model on at least one official channel without refusing them.
 */
class ExampleChannelsTest {
  static final Path EXAMPLE = Path.of("..", "examples", "channels.yml");

  static final Map<String, Object> ENVIRONMENT =
      Map.ofEntries(
          Map.entry("ARK_API_KEY", "ark-test"),
          Map.entry("KLING_ACCESS_KEY", "kling-ak"),
          Map.entry("KLING_SECRET_KEY", "kling-sk"),
          Map.entry("MINIMAX_API_KEY", "mm-test"),
          Map.entry("GOOGLE_CLOUD_PROJECT", "reelgate-test"),
          Map.entry("DASHSCOPE_API_KEY", "sk-dash"),
          Map.entry("LUMAAI_API_KEY", "luma-test"),
          Map.entry("OPENROUTER_API_KEY", "sk-or-test"),
          Map.entry("RUNWAYML_API_SECRET", "key_test"));

  private ChannelRouter router;
  private ModelCatalog catalog;

  private void load() throws Exception {
    assertThat(Files.isRegularFile(EXAMPLE)).as(EXAMPLE.toAbsolutePath() + " exists").isTrue();
    StandardEnvironment env = new StandardEnvironment();
    Map<String, Object> vars = new HashMap<>(ENVIRONMENT);
    vars.put(ExtraConfigFile.VARIABLE, EXAMPLE.toAbsolutePath().toString());
    env.getPropertySources().addFirst(new MapPropertySource("test-environment", vars));
    for (PropertySource<?> source :
        new YamlPropertySourceLoader()
            .load(
                "Config resource 'class path resource [application.yml]'",
                new ClassPathResource("application.yml"))) {
      env.getPropertySources().addLast(source);
    }
    new ExtraConfigFile().postProcessEnvironment(env, null);
    Binder binder = Binder.get(env);
    catalog =
        new CatalogConfiguration()
            .modelCatalog(binder.bind("reelgate", CatalogProperties.class).get());
    router =
        new ChannelRouter(
            new LocalProvider(new LocalRenderer()),
            binder.bind("reelgate", ReelgateSettings.class).get(),
            binder.bind("reelgate.polling", PollingSettings.class).get(),
            binder.bind("reelgate", ChannelProperties.class).get(),
            catalog,
            Clock.systemUTC());
  }

  @Test
  void everyChannelBuildsAndTheSoraAndVeoModelsHaveOfficialAndValueChannels() throws Exception {
    load();
    assertThat(router.all())
        .extracting(Channel::protocol)
        .contains("seedance", "kling", "minimax", "vertex", "wan", "luma", "openrouter", "runway");
    for (String model : List.of("sora-2", "sora-2-pro", "veo-3-1")) {
      ModelSpec spec = catalog.find(model).orElseThrow();
      assertThat(router.candidates(spec, Routing.OFFICIAL))
          .as(model + " official")
          .isNotEmpty()
          .allMatch(c -> c.route() == Routing.OFFICIAL && !c.id().equals("local"));
      assertThat(router.candidates(spec, Routing.VALUE))
          .as(model + " value")
          .anyMatch(c -> c.route() == Routing.VALUE);
    }
  }

  @Test
  void theSeedsRequestsAreServedWithoutRefusalOnAnOfficialChannel() throws Exception {
    load();
    Map<String, Integer> acceptedPerChannelModel = new HashMap<>();
    for (GenerationRequest request : seedRequests()) {
      ModelSpec spec = catalog.find(request.model()).orElseThrow();
      spec.validate(request);
      List<String> refusals = new ArrayList<>();
      boolean officialTakesIt = false;
      for (Channel channel : router.candidates(spec, Routing.VALUE)) {
        try {
          channel.provider().check(request, channel.upstreamModel(request.model()));
          acceptedPerChannelModel.merge(channel.id() + "/" + request.model(), 1, Integer::sum);
          officialTakesIt |= channel.route() == Routing.OFFICIAL;
        } catch (ProviderException e) {
          refusals.add(channel.id() + ": " + e.getMessage());
        }
      }
      assertThat(officialTakesIt).as(request + " refused by " + refusals).isTrue();
    }
    for (Channel channel : router.all()) {
      for (String model : router.modelsOf(channel)) {
        if (!channel.id().equals("local")) {
          assertThat(acceptedPerChannelModel)
              .as(channel.id() + " serves some " + model + " request")
              .containsKey(channel.id() + "/" + model);
        }
      }
    }
  }

  /** The requests the seeds' documentation shows, in every duration and frame shape. */
  static List<GenerationRequest> seedRequests() {
    List<GenerationRequest> out = new ArrayList<>();
    for (int seconds : List.of(4, 8, 12)) {
      for (OutputSize size : List.of(OutputSize.of(1280, 720), OutputSize.of(720, 1280))) {
        out.add(request("sora-2", GenerationKind.TEXT_TO_VIDEO, seconds, size, 0, "standard"));
        out.add(request("sora-2", GenerationKind.IMAGE_TO_VIDEO, seconds, size, 1, "standard"));
      }
      for (String size : List.of("1280x720", "720x1280", "1792x1024", "1024x1792")) {
        out.add(
            request(
                "sora-2-pro",
                GenerationKind.TEXT_TO_VIDEO,
                seconds,
                OutputSize.parse(size),
                0,
                "standard"));
      }
      for (String tier : List.of("720p", "1080p")) {
        out.add(
            request(
                "sora-2-pro",
                GenerationKind.IMAGE_TO_VIDEO,
                seconds,
                OutputSize.parse(tier),
                1,
                "standard"));
      }
    }
    for (String quality : List.of("quality", "fast")) {
      for (OutputSize size : List.of(OutputSize.of(1280, 720), OutputSize.of(720, 1280))) {
        out.add(request("veo-3-1", GenerationKind.TEXT_TO_VIDEO, 8, size, 0, quality));
        out.add(request("veo-3-1", GenerationKind.FIRST_AND_LAST_FRAMES, 8, size, 2, quality));
      }
    }
    out.add(
        request(
            "veo-3-1", GenerationKind.REFERENCE_IMAGES, 8, OutputSize.of(1280, 720), 3, "fast"));
    return out;
  }

  static GenerationRequest request(
      String model, GenerationKind kind, int seconds, OutputSize size, int images, String quality) {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      urls.add("https://images.example/frame-" + i + ".jpg");
    }
    Map<String, String> options =
        switch (model) {
          case "sora-2" -> Map.of("remove_watermark", "true");
          case "veo-3-1" -> Map.of("watermark", "");
          default -> Map.of();
        };
    return new GenerationRequest(
        model,
        kind,
        "a lighthouse at dawn",
        seconds,
        size,
        urls,
        quality,
        Routing.OFFICIAL,
        null,
        options);
  }
}
