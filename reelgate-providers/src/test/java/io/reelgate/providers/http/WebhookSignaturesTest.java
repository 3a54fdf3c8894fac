package io.reelgate.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
  // the example of the Standard Webhooks reference libraries
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330L;
  private static final String BODY = "{\"test\": 2432232314}";
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static WebhookSignatures at(long epochSecond) {
    return new WebhookSignatures(
        SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  private static WebhookRequest request(String signature, long timestamp, String body) {
    return new WebhookRequest(
        Map.of(
            "webhook-id", List.of(ID),
            "webhook-timestamp", List.of(Long.toString(timestamp)),
            "webhook-signature", List.of(signature)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void signsLikeTheReferenceLibraries() {
    assertThat(at(TIMESTAMP).signature(ID, TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(SIGNATURE);
  }

  @Test
  void acceptsAMatchingSignatureAmongSeveral() {
    assertThatCode(
            () ->
                at(TIMESTAMP + 60).verify(request("v1a,abc v1,AAAA " + SIGNATURE, TIMESTAMP, BODY)))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsAnotherBodyAStaleTimestampAndMissingHeaders() {
    assertThatThrownBy(() -> at(TIMESTAMP).verify(request(SIGNATURE, TIMESTAMP, BODY + " ")))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(() -> at(TIMESTAMP + 301).verify(request(SIGNATURE, TIMESTAMP, BODY)))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(() -> at(TIMESTAMP - 301).verify(request(SIGNATURE, TIMESTAMP, BODY)))
        .isInstanceOf(InvalidWebhookException.class);
    assertThatThrownBy(
            () ->
                at(TIMESTAMP)
                    .verify(new WebhookRequest(Map.of(), BODY.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(InvalidWebhookException.class);
  }

  @Test
  void aSecretMustBeBase64() {
    assertThatThrownBy(() -> new WebhookSignatures("whsec_not base64!", Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
