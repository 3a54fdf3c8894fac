package io.reelgate.server.safety;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.reelgate.server.config.ReelgateSettings;
import io.reelgate.server.fetch.HostResolver;
import io.reelgate.server.fetch.HostileTargets;
import io.reelgate.server.fetch.UrlGuard;
import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole server as a stranger meets it: private networks refused (the default), the default
 * moderation list plus an OpenAI-compatible moderation service (a WireMock stub that flags nothing
 * unless a test says so), and made-up host names resolved by the test: {@link
 * HostileTargets#REBINDING_HOST} to 127.0.0.1, {@link #FLIPPING_HOST} to whatever {@link #FLIP}
 * says at the time of asking.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SafetyServerTest.TestResolver.class)
abstract class SafetyServerTest {
  static final String API_KEY = "rg_safety_key_0123456789";
  static final String PIXAZO_KEY_HEADER = "Ocp-Apim-Subscription-Key";
  static final Path DATA_DIR = ServerTest.tempDataDir("reelgate-safety");

  /** A name whose address the test changes between the check at submit and the send. */
  static final String FLIPPING_HOST = "flip.example.test";

  static final AtomicReference<String> FLIP = new AtomicReference<>("203.0.113.7");

  static final WireMockServer MODERATION = moderationService();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("reelgate.data-dir", DATA_DIR::toString);
    registry.add("reelgate.bootstrap.api-key", () -> API_KEY);
    registry.add("reelgate.bootstrap.credits", () -> "100000000");
    registry.add("reelgate.allow-private-networks", () -> "false");
    registry.add("reelgate.moderation.openai.base-url", MODERATION::baseUrl);
    registry.add("reelgate.moderation.openai.api-key", () -> "sk-test-moderation");
    registry.add("reelgate.moderation.openai.timeout", () -> "2s");
  }

  private static WireMockServer moderationService() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(
        post(urlEqualTo("/v1/moderations"))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\",\"results\":"
                            + "[{\"flagged\":false,\"categories\":{\"violence\":false}}]}")));
    return server;
  }

  /** The guard of these tests: the real rules, with the test's names resolved by the test. */
  @TestConfiguration(proxyBeanMethods = false)
  static class TestResolver {
    @Bean
    @Primary
    UrlGuard testUrlGuard(ReelgateSettings settings) {
      HostResolver names = HostileTargets.resolver();
      HostResolver resolver =
          host ->
              host.equals(FLIPPING_HOST)
                  ? List.of(InetAddress.getByName(FLIP.get()))
                  : names.resolve(host);
      return new UrlGuard(
          settings.allowPrivateNetworks(), resolver, Set.of(HostileTargets.PUBLIC_HOST));
    }
  }

  String base() {
    return "http://localhost:" + port;
  }

  Http.Response apixo(String model, String body) {
    return Http.send(
        "POST",
        base() + "/api/v1/generateTask/" + model,
        body,
        "Authorization",
        "Bearer " + API_KEY,
        "Content-Type",
        "application/json");
  }

  Http.Response pixazo(String path, String body, String... extraHeaders) {
    String[] headers = new String[4 + extraHeaders.length];
    headers[0] = PIXAZO_KEY_HEADER;
    headers[1] = API_KEY;
    headers[2] = "Content-Type";
    headers[3] = "application/json";
    System.arraycopy(extraHeaders, 0, headers, 4, extraHeaders.length);
    return Http.send("POST", base() + "/sora-video/v1" + path, body, headers);
  }

  /** Polls an APIXO task until it succeeds or fails. */
  JsonNode finished(String model, String taskId) {
    return Apixo.finished(base(), API_KEY, model, taskId, 120);
  }
}
