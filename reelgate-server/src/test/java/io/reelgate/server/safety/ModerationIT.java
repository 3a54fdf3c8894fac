package io.reelgate.server.safety;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.support.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moderation before any credit is reserved: the built-in list and the moderation service refuse
 * with the providers' message in each dialect's shape, nothing is reserved, and the refusal is
 * recorded for the operator. While the service cannot be asked, requests are refused with 503.
 */
class ModerationIT extends SafetyServerTest {
  @Autowired JdbcClient jdbc;

  private long reserved() {
    return jdbc.sql("SELECT SUM(reserved) FROM accounts").query(Long.class).single();
  }

  private long ledgerRows() {
    return jdbc.sql("SELECT COUNT(*) FROM ledger").query(Long.class).single();
  }

  private Map<String, Object> event(String excerptStart) {
    return jdbc.sql(
            "SELECT * FROM moderation_events WHERE prompt_excerpt LIKE ? ORDER BY created_at DESC")
        .param(excerptStart + "%")
        .query()
        .listOfRows()
        .get(0);
  }

  private String soraBody(String prompt) {
    return Http.json(
        Map.of("input", Map.of("mode", "text-to-video", "prompt", prompt, "duration", 4)));
  }

  @Test
  void aPromptOnTheBuiltInListIsRefusedBeforeAnyReservation() {
    long rows = ledgerRows();
    long reserved = reserved();
    Http.Response apixo = apixo("sora-2", soraBody("Blocked scene: CSAM material"));
    assertThat(apixo.status()).isEqualTo(400);
    assertThat(apixo.json().get("code").intValue()).isEqualTo(400);
    assertThat(apixo.json().get("message").stringValue())
        .isEqualTo("Content violates provider policy, please adjust the prompt");
    assertThat(apixo.json().get("data").isNull()).isTrue();

    Http.Response pixazo =
        pixazo("/video/generate", Http.json(Map.of("prompt", "Pixazo scene: csam")));
    assertThat(pixazo.status()).isEqualTo(400);
    assertThat(pixazo.json().get("error").stringValue()).isEqualTo("Content Policy Violation");
    assertThat(pixazo.json().get("message").stringValue())
        .isEqualTo("Content violates provider policy, please adjust the prompt");

    assertThat(ledgerRows()).isEqualTo(rows);
    assertThat(reserved()).isEqualTo(reserved);

    Map<String, Object> recorded = event("Blocked scene");
    assertThat(recorded.get("ACCOUNT_ID")).isNotNull();
    assertThat(recorded.get("KEY_ID")).isNotNull();
    assertThat(recorded.get("DIALECT")).isEqualTo("apixo");
    assertThat(recorded.get("MODEL")).isEqualTo("sora-2");
    assertThat(recorded.get("POLICY")).isEqualTo("terms");
    assertThat(recorded.get("REASON")).isEqualTo("matches term \"csam\"");
    assertThat((String) recorded.get("PROMPT_SHA256")).hasSize(64);
    assertThat(event("Pixazo scene").get("DIALECT")).isEqualTo("pixazo");
  }

  @Test
  void aPromptTheModerationServiceFlagsIsRefused() {
    MODERATION.stubFor(
        post(urlEqualTo("/v1/moderations"))
            .withRequestBody(containing("flagged-by-service"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"results\":[{\"flagged\":true,\"categories\":"
                            + "{\"violence\":true,\"harassment\":false}}]}")));
    long reserved = reserved();
    Http.Response r = apixo("sora-2", soraBody("flagged-by-service: a brawl"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").stringValue())
        .isEqualTo("Content violates provider policy, please adjust the prompt");
    assertThat(reserved()).isEqualTo(reserved);
    Map<String, Object> recorded = event("flagged-by-service");
    assertThat(recorded.get("POLICY")).isEqualTo("openai");
    assertThat(recorded.get("REASON")).isEqualTo("flagged by the moderation service: violence");
  }

  @Test
  void whileTheServiceIsDownRequestsAreRefusedWith503() {
    MODERATION.stubFor(
        post(urlEqualTo("/v1/moderations"))
            .withRequestBody(containing("service-down"))
            .atPriority(1)
            .willReturn(aResponse().withStatus(503)));
    long rows = ledgerRows();
    Http.Response apixo = apixo("sora-2", soraBody("service-down: a garden"));
    assertThat(apixo.status()).isEqualTo(503);
    assertThat(apixo.json().get("message").stringValue())
        .isEqualTo("Content moderation is unavailable, please retry later");
    Http.Response pixazo =
        pixazo("/video/generate", Http.json(Map.of("prompt", "service-down: a garden")));
    assertThat(pixazo.status()).isEqualTo(503);
    assertThat(pixazo.json().get("error").stringValue()).isEqualTo("Service Unavailable");
    assertThat(ledgerRows()).isEqualTo(rows);
  }

  @Test
  void anAcceptablePromptIsAccepted() {
    Http.Response r = apixo("sora-2", soraBody("a quiet harbour at dawn"));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
  }
}
