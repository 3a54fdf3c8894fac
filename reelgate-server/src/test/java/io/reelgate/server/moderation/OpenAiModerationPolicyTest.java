package io.reelgate.server.moderation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible adapter against a stub that speaks the documented moderation shape. */
class OpenAiModerationPolicyTest {
  static WireMockServer server;
  OpenAiModerationPolicy policy;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    policy = policy(Duration.ofSeconds(20));
  }

  private static OpenAiModerationPolicy policy(Duration timeout) {
    return new OpenAiModerationPolicy(
        new ModerationSettings.OpenAi(
            server.baseUrl() + "/v1/", "sk-test", "omni-moderation-latest", timeout, false));
  }

  private void answer(int status, String body) {
    server.stubFor(
        post(urlEqualTo("/v1/moderations"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  @Test
  void aFlaggedPromptIsRefusedWithItsCategories() {
    answer(
        200,
        """
        {"id":"modr-5","model":"omni-moderation-latest","results":[{"flagged":true,
         "categories":{"violence":true,"violence/graphic":true,"sexual":false,"hate":false},
         "category_scores":{"violence":0.97,"violence/graphic":0.91,"sexual":0.01,"hate":0.0}}]}
        """);
    assertThat(policy.violation("a graphic fight"))
        .contains("flagged by the moderation service: violence, violence/graphic");
    server.verify(
        postRequestedFor(urlEqualTo("/v1/moderations"))
            .withHeader("Authorization", equalTo("Bearer sk-test"))
            .withRequestBody(
                equalToJson(
                    "{\"model\":\"omni-moderation-latest\",\"input\":\"a graphic fight\"}")));
  }

  @Test
  void anUnflaggedPromptPasses() {
    answer(200, "{\"results\":[{\"flagged\":false,\"categories\":{\"violence\":false}}]}");
    assertThat(policy.violation("a sunny meadow")).isEmpty();
  }

  @Test
  void anErrorAnswerMeansTheServiceIsUnavailable() {
    answer(500, "{\"error\":{\"message\":\"overloaded\"}}");
    assertThatThrownBy(() -> policy.violation("x"))
        .isInstanceOf(ModerationUnavailableException.class)
        .hasMessage("the moderation service answered HTTP 500");
  }

  @Test
  void anAnswerWithoutFlaggedMeansTheServiceIsUnavailable() {
    answer(200, "{\"results\":[]}");
    assertThatThrownBy(() -> policy.violation("x"))
        .isInstanceOf(ModerationUnavailableException.class);
    answer(200, "not json");
    assertThatThrownBy(() -> policy.violation("x"))
        .isInstanceOf(ModerationUnavailableException.class);
  }

  @Test
  void aSlowServiceTimesOut() {
    server.stubFor(
        post(urlEqualTo("/v1/moderations"))
            .willReturn(aResponse().withFixedDelay(5000).withBody("{}")));
    assertThatThrownBy(() -> policy(Duration.ofSeconds(1)).violation("x"))
        .isInstanceOf(ModerationUnavailableException.class)
        .hasMessageStartingWith("the moderation service did not answer");
  }
}
