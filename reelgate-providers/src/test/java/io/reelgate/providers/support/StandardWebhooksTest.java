package io.reelgate.providers.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {
  // the example message of the Standard Webhooks reference libraries
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TIMESTAMP = 1614265330L;
  static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static WebhookRequest request(String signature) {
    return new WebhookRequest(
        Map.of(
            "webhook-id", List.of(ID),
            "webhook-timestamp", List.of(Long.toString(TIMESTAMP)),
            "webhook-signature", List.of(signature)),
        BODY);
  }

  @Test
  void signsLikeTheReferenceLibraries() {
    assertThat(new StandardWebhooks(SECRET).sign(ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
  }

  @Test
  void acceptsAnyMatchingV1SignatureAmongSeveral() {
    StandardWebhooks webhooks = new StandardWebhooks(SECRET);
    Instant now = Instant.ofEpochSecond(TIMESTAMP + 60);
    assertThatCode(() -> webhooks.verify(request("v1a,xyz v1,AAAA " + SIGNATURE), now))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> webhooks.verify(request("v2," + SIGNATURE.substring(3)), now))
        .isInstanceOf(InvalidWebhookException.class);
  }

  @Test
  void theSecretPrefixIsOptionalAndBadSecretsAreRefused() {
    assertThat(new StandardWebhooks(SECRET.substring(6)).sign(ID, TIMESTAMP, BODY))
        .isEqualTo(SIGNATURE);
    assertThatThrownBy(() -> new StandardWebhooks("whsec_???"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
