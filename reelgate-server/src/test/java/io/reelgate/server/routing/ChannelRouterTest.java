package io.reelgate.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgate.core.catalog.KindRule;
import io.reelgate.core.catalog.Limits;
import io.reelgate.core.catalog.ModelCatalog;
import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.catalog.PriceRule;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.PollResult;
import io.reelgate.providers.ProviderFactory;
import io.reelgate.providers.ProviderJob;
import io.reelgate.providers.ProviderRuntime;
import io.reelgate.providers.Submission;
import io.reelgate.providers.VideoProvider;
import io.reelgate.providers.local.LocalProvider;
import io.reelgate.render.LocalRenderer;
import io.reelgate.server.config.PollingSettings;
import io.reelgate.server.config.ReelgateSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ChannelRouterTest {
  static final ModelCatalog CATALOG =
      new ModelCatalog(List.of(spec("veo-3-1"), spec("sora-2"), spec("sora-2-pro")));
  static final LocalProvider LOCAL = new LocalProvider(new LocalRenderer());
  static final List<ChannelSettings> MADE = new ArrayList<>();

  static ModelSpec spec(String id) {
    return new ModelSpec(
        id,
        id,
        Map.of(
            GenerationKind.TEXT_TO_VIDEO,
            new KindRule(0, 0, List.of(), List.of(OutputSize.of(1280, 720)))),
        List.of(8),
        100,
        List.of("standard"),
        List.of(Routing.AUTO, Routing.VALUE, Routing.OFFICIAL),
        Routing.AUTO,
        new PriceRule(10, Map.of(), Map.of()),
        new Limits(10, 10),
        null,
        Duration.ofMinutes(30));
  }

  static ReelgateSettings settings(String publicBase) {
    return new ReelgateSettings(
        Path.of("data"),
        publicBase,
        "",
        false,
        new ReelgateSettings.Bootstrap("", 0, ""),
        ReelgateSettings.Storage.of(Duration.ofDays(1), ""),
        new ReelgateSettings.Local(2),
        new ReelgateSettings.Images(1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)),
        new ReelgateSettings.Webhooks(List.of(Duration.ZERO), Duration.ofSeconds(1), 1));
  }

  /** A protocol that needs a base URL, like every HTTP protocol. */
  static final class Stub implements ProviderFactory {
    @Override
    public String protocol() {
      return "stub";
    }

    @Override
    public VideoProvider create(ChannelSettings settings, ProviderRuntime runtime) {
      settings.requiredBaseUrl();
      MADE.add(settings);
      return new VideoProvider() {
        @Override
        public String protocol() {
          return "stub";
        }

        @Override
        public Submission submit(ProviderJob job) {
          throw new UnsupportedOperationException();
        }

        @Override
        public PollResult poll(ProviderJob job, String upstreamJobId) {
          throw new UnsupportedOperationException();
        }
      };
    }
  }

  static ChannelProperties.Entry entry(
      String id, String protocol, Routing route, Long cost, Map<String, String> models) {
    return new ChannelProperties.Entry(
        id,
        protocol,
        URI.create("http://upstream.example"),
        "key",
        route,
        cost,
        null,
        null,
        null,
        models,
        Map.of());
  }

  static ChannelRouter router(String publicBase, ChannelProperties.Entry... entries) {
    Map<String, ProviderFactory> factories = new TreeMap<>();
    factories.put("stub", new Stub());
    return new ChannelRouter(
        LOCAL,
        settings(publicBase),
        new PollingSettings(
            Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(5), 8, 8),
        new ChannelProperties(List.of(entries)),
        CATALOG,
        new ProviderRuntime(java.net.http.HttpClient.newHttpClient(), Clock.systemUTC()),
        factories);
  }

  @Test
  void theEmbeddedDefaultServesEveryModelLocally() {
    ChannelRouter router = router("");
    for (String model : List.of("veo-3-1", "sora-2", "sora-2-pro")) {
      for (Routing routing : Routing.values()) {
        assertThat(router.candidates(CATALOG.find(model).orElseThrow(), routing))
            .extracting(Channel::id)
            .containsExactly("local");
      }
    }
  }

  @Test
  void configuredChannelsReplaceLocalForTheirModelsOnly() {
    ChannelRouter router =
        router("", entry("fal", "stub", Routing.VALUE, 30L, Map.of("veo-3-1", "fal-ai/veo3.1")));
    ModelSpec veo = CATALOG.find("veo-3-1").orElseThrow();
    assertThat(router.candidates(veo, Routing.VALUE))
        .extracting(Channel::id)
        .containsExactly("fal");
    assertThat(router.candidates(CATALOG.find("sora-2").orElseThrow(), Routing.VALUE))
        .extracting(Channel::id)
        .containsExactly("local");
    assertThatThrownBy(() -> router.candidates(veo, Routing.OFFICIAL))
        .isInstanceOf(ChannelRouter.NoChannelException.class)
        .hasMessageContaining("veo-3-1");
    assertThat(router.byId("fal").orElseThrow().upstreamModel("veo-3-1"))
        .isEqualTo("fal-ai/veo3.1");
  }

  @Test
  void eachStrategyHasItsOrder() {
    ChannelRouter router =
        router(
            "",
            entry("pricey-value", "stub", Routing.VALUE, 80L, Map.of("veo-3-1", "")),
            entry("google", "stub", Routing.OFFICIAL, 100L, Map.of("veo-3-1", "")),
            entry("cheap-value", "stub", Routing.VALUE, 30L, Map.of("veo-3-1", "")),
            entry("google-2", "stub", Routing.OFFICIAL, 90L, Map.of("veo-3-1", "")));
    ModelSpec veo = CATALOG.find("veo-3-1").orElseThrow();
    assertThat(router.candidates(veo, Routing.OFFICIAL))
        .extracting(Channel::id)
        .containsExactly("google-2", "google");
    assertThat(router.candidates(veo, Routing.VALUE))
        .extracting(Channel::id)
        .containsExactly("cheap-value", "pricey-value", "google-2", "google");
    assertThat(router.candidates(veo, Routing.AUTO))
        .extracting(Channel::id)
        .containsExactly("google-2", "google", "cheap-value", "pricey-value");
  }

  @Test
  void channelsGetTheirWebhookUrlAndTheGatewayPollInterval() {
    MADE.clear();
    router("https://gw.example/", entry("fal", "stub", Routing.VALUE, 30L, Map.of("veo-3-1", "x")));
    assertThat(MADE.get(0).webhookUrl())
        .isEqualTo(URI.create("https://gw.example/upstream/v1/webhooks/fal"));
    assertThat(MADE.get(0).option("poll-interval")).contains("5000ms");
    MADE.clear();
    router("", entry("fal", "stub", Routing.VALUE, 30L, Map.of("veo-3-1", "x")));
    assertThat(MADE.get(0).webhookUrl()).isNull();
  }

  @Test
  void badEntriesStopTheStartNamingTheEntry() {
    assertThatThrownBy(
            () -> router("", entry("a", "nope", Routing.VALUE, 1L, Map.of("veo-3-1", "x"))))
        .hasMessageContaining("reelgate.channels[0] (a)")
        .hasMessageContaining("unknown protocol 'nope'")
        .hasMessageContaining("local, stub");
    assertThatThrownBy(
            () -> router("", entry("a", "stub", Routing.VALUE, 1L, Map.of("veo-9", "x"))))
        .hasMessageContaining("model 'veo-9' is not in the catalog");
    assertThatThrownBy(() -> router("", entry("a", "stub", Routing.VALUE, 1L, Map.of())))
        .hasMessageContaining("models must list at least one");
    assertThatThrownBy(
            () ->
                router(
                    "",
                    entry("a", "stub", Routing.VALUE, 1L, Map.of("veo-3-1", "x")),
                    entry("a", "stub", Routing.VALUE, 1L, Map.of("sora-2", "x"))))
        .hasMessageContaining("reelgate.channels[1] (a)")
        .hasMessageContaining("used by another channel");
    assertThatThrownBy(
            () -> router("", entry("Bad Id", "stub", Routing.VALUE, 1L, Map.of("veo-3-1", "x"))))
        .hasMessageContaining("id must be");
    assertThatThrownBy(
            () -> router("", entry("a", "stub", Routing.VALUE, -1L, Map.of("veo-3-1", "x"))))
        .hasMessageContaining("cost must not be negative");
    Map<String, String> models = new HashMap<>();
    models.put("veo-3-1", "x");
    ChannelProperties.Entry noBase =
        new ChannelProperties.Entry(
            "a", "stub", null, null, null, null, null, null, null, models, null);
    assertThatThrownBy(() -> router("", noBase))
        .hasMessageContaining("reelgate.channels[0] (a)")
        .hasMessageContaining("needs base-url");
  }

  @Test
  void everyAdapterProtocolIsFoundOnTheClassPath() {
    assertThat(ChannelRouter.factories().keySet())
        .contains(
            "openai-videos",
            "replicate",
            "fal",
            "gemini",
            "vertex",
            "apixo",
            "pixazo",
            "kling",
            "seedance",
            "minimax",
            "wan",
            "openrouter",
            "runway",
            "luma");
  }

  @Test
  void theUnknownProtocolErrorListsEveryProtocolOnTheClassPath() {
    assertThatThrownBy(
            () ->
                new ChannelRouter(
                    LOCAL,
                    settings(""),
                    new PollingSettings(
                        Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(5), 8, 8),
                    new ChannelProperties(
                        List.of(
                            entry("k", "klingai", Routing.OFFICIAL, 1L, Map.of("sora-2", "x")))),
                    CATALOG,
                    new ProviderRuntime(
                        java.net.http.HttpClient.newHttpClient(), Clock.systemUTC()),
                    ChannelRouter.factories()))
        .hasMessageContaining("reelgate.channels[0] (k): unknown protocol 'klingai'")
        .hasMessageContaining(
            "known: apixo, fal, gemini, kling, local, luma, minimax, openai-videos, openrouter,"
                + " pixazo, replicate, runway, seedance, vertex, wan");
  }
}
