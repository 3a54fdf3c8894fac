package io.reelgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.svix.Webhook;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
  // The reference example of the Standard Webhooks libraries' tests
  // (github.com/standard-webhooks/standard-webhooks, libraries/go/webhook_test.go, TestWebhookSign)
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TIMESTAMP = 1614265330L;
  static final String BODY = "{\"test\": 2432232314}";
  static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  static final Clock AT_TIMESTAMP = Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC);

  static Map<String, String> headers(String id, long ts, String signature) {
    return Map.of(
        "webhook-id", id, "webhook-timestamp", Long.toString(ts), "webhook-signature", signature);
  }

  @Test
  void signsTheReferenceExampleAsTheSpecDoes() {
    assertThat(WebhookVerifier.of(SECRET).sign(ID, Instant.ofEpochSecond(TIMESTAMP), BODY))
        .isEqualTo(SIGNATURE);
  }

  @Test
  void verifiesTheReferenceExample() {
    WebhookVerifier verifier = WebhookVerifier.of(SECRET).withClock(AT_TIMESTAMP);
    assertThatCode(() -> verifier.verify(headers(ID, TIMESTAMP, SIGNATURE), BODY))
        .doesNotThrowAnyException();
    // the secret without its prefix is the same key
    assertThatCode(
            () ->
                WebhookVerifier.of(SECRET.substring("whsec_".length()))
                    .withClock(AT_TIMESTAMP)
                    .verify(headers(ID, TIMESTAMP, SIGNATURE), BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void findsTheValidSignatureAmongSeveral() {
    String several =
        "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
            + SIGNATURE
            + " v1a,abc";
    assertThatCode(
            () ->
                WebhookVerifier.of(SECRET)
                    .withClock(AT_TIMESTAMP)
                    .verify(headers(ID, TIMESTAMP, several), BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAChangedBodyIdOrSignature() {
    WebhookVerifier verifier = WebhookVerifier.of(SECRET).withClock(AT_TIMESTAMP);
    assertThatThrownBy(() -> verifier.verify(headers(ID, TIMESTAMP, SIGNATURE), BODY + " "))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("no webhook-signature matches");
    assertThatThrownBy(() -> verifier.verify(headers(ID + "x", TIMESTAMP, SIGNATURE), BODY))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(
            () ->
                verifier.verify(
                    headers(ID, TIMESTAMP, "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="),
                    BODY))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(
            () ->
                WebhookVerifier.of("whsec_" + "A".repeat(32))
                    .withClock(AT_TIMESTAMP)
                    .verify(headers(ID, TIMESTAMP, SIGNATURE), BODY))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void refusesMissingHeaders() {
    WebhookVerifier verifier = WebhookVerifier.of(SECRET).withClock(AT_TIMESTAMP);
    assertThatThrownBy(
            () ->
                verifier.verify(
                    Map.of("webhook-timestamp", "1", "webhook-signature", SIGNATURE), BODY))
        .hasMessageContaining("webhook-id");
    assertThatThrownBy(
            () -> verifier.verify(Map.of("webhook-id", ID, "webhook-signature", SIGNATURE), BODY))
        .hasMessageContaining("webhook-timestamp");
    assertThatThrownBy(
            () ->
                verifier.verify(
                    Map.of("webhook-id", ID, "webhook-timestamp", "" + TIMESTAMP), BODY))
        .hasMessageContaining("webhook-signature");
  }

  @Test
  void timestampsOutsideTheToleranceAreRefused() {
    WebhookVerifier verifier = WebhookVerifier.of(SECRET);
    Map<String, String> h = headers(ID, TIMESTAMP, SIGNATURE);
    Instant sent = Instant.ofEpochSecond(TIMESTAMP);
    // 5 minutes either way is still accepted, one second more is not
    assertThatCode(() -> verifier.withClock(at(sent.plus(Duration.ofMinutes(5)))).verify(h, BODY))
        .doesNotThrowAnyException();
    assertThatCode(() -> verifier.withClock(at(sent.minus(Duration.ofMinutes(5)))).verify(h, BODY))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> verifier.withClock(at(sent.plusSeconds(301))).verify(h, BODY))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("older");
    assertThatThrownBy(() -> verifier.withClock(at(sent.minusSeconds(301))).verify(h, BODY))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("future");
    // a wider tolerance accepts an old capture
    assertThatCode(
            () ->
                verifier
                    .withTolerance(Duration.ofDays(2))
                    .withClock(at(sent.plus(Duration.ofDays(1))))
                    .verify(h, BODY))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> verifier.withClock(AT_TIMESTAMP).verify(headers(ID, 0, SIGNATURE), BODY))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void headerNamesAreCaseInsensitiveAndValuesMayBeLists() {
    Map<String, List<String>> h =
        Map.of(
            "Webhook-Id", List.of(ID),
            "WEBHOOK-TIMESTAMP", List.of(Long.toString(TIMESTAMP)),
            "webhook-Signature", List.of(SIGNATURE));
    assertThatCode(
            () ->
                WebhookVerifier.of(SECRET)
                    .withClock(AT_TIMESTAMP)
                    .verify(h, BODY.getBytes(StandardCharsets.UTF_8)))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                WebhookVerifier.of(SECRET)
                    .withClock(AT_TIMESTAMP)
                    .verify(
                        HttpHeaders.of(h, (a, b) -> true), BODY.getBytes(StandardCharsets.UTF_8)))
        .doesNotThrowAnyException();
  }

  @Test
  void agreesWithTheSvixLibraryBothWays() throws Exception {
    String secret =
        "whsec_"
            + java.util.Base64.getEncoder()
                .encodeToString(
                    "reelgate-test-secret-32-bytes!!!".getBytes(StandardCharsets.UTF_8));
    String body =
        "{\"code\":200,\"message\":\"success\",\"data\":{\"taskId\":\"task_1\",\"state\":\"success\",\"note\":\"é ✓\"}}";
    Instant now = Instant.now();
    String id = "msg_abc";
    // ours signs, svix verifies
    String ours = WebhookVerifier.of(secret).sign(id, now, body);
    HttpHeaders headers =
        HttpHeaders.of(
            Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(Long.toString(now.getEpochSecond())),
                "webhook-signature", List.of(ours)),
            (a, b) -> true);
    new Webhook(secret).verify(body, headers);
    // svix signs, ours verifies
    String theirs = new Webhook(secret).sign(id, now.getEpochSecond(), body);
    assertThat(theirs).isEqualTo(ours);
    assertThatCode(
            () ->
                WebhookVerifier.of(secret).verify(headers(id, now.getEpochSecond(), theirs), body))
        .doesNotThrowAnyException();
  }

  @Test
  void aSecretThatIsNotBase64IsRefused() {
    assertThatThrownBy(() -> WebhookVerifier.of("whsec_not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookVerifier.of("whsec_"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
