package io.reelgate.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Failed authentications are throttled per source address and per key prefix: within the window,
 * the attempt after the allowance is a 429 with {@code Retry-After} in the dialect's shape (and in
 * the admin API's), also for a right credential from that address, while a right key from another
 * address goes through. Each test class's requests come from their own loopback addresses
 * (127.0.0.x), so the tests do not share allowances.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthThrottleIT {
  static final String KEY = "rg_test_throttle_0123456789";
  static final String ADMIN = "admin-token-throttle-0123456789abcdef";
  static final int PER_ADDRESS = 5;
  static final int PER_PREFIX = 8;

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, ServerTest.tempDataDir("reelgate-throttle"), KEY);
    r.add("reelgate.admin-token", () -> ADMIN);
    r.add("reelgate.auth-throttle.per-address", () -> PER_ADDRESS);
    r.add("reelgate.auth-throttle.per-key-prefix", () -> PER_PREFIX);
    // why: long enough that no failure's allowance comes back during the test
    r.add("reelgate.auth-throttle.window", () -> "1h");
  }

  /** A GET from a given loopback address with one header. */
  Http.Response get(String from, String path, String header, String value) {
    try {
      HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build();
      HttpResponse<byte[]> r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header(header, value)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return new Http.Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Http.Response apixo(String from, String key) {
    return get(from, "/api/v1/models", "Authorization", "Bearer " + key);
  }

  static String randomWrongKey() {
    return "rg_" + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void theAttemptAfterTheAllowanceIs429AndOtherAddressesAreUnaffected() {
    String guesser = "127.0.0.2";
    for (int i = 0; i < PER_ADDRESS; i++) {
      assertThat(apixo(guesser, randomWrongKey()).status()).isEqualTo(401);
    }
    Http.Response refused = apixo(guesser, randomWrongKey());
    assertThat(refused.status()).isEqualTo(429);
    assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
    assertThat(refused.json().get("code").asInt()).isEqualTo(429);
    assertThat(refused.json().get("message").stringValue())
        .startsWith("Too many failed authentications; retry after ");
    // the address gets no answer about any key, the right one included
    assertThat(apixo(guesser, KEY).status()).isEqualTo(429);
    // in each dialect's shape
    Http.Response pixazo =
        get(guesser, "/v2/requests/status/sora-video_x", "Ocp-Apim-Subscription-Key", KEY);
    assertThat(pixazo.status()).isEqualTo(429);
    assertThat(pixazo.header("Retry-After")).isNotNull();
    assertThat(pixazo.json().get("error").stringValue()).isEqualTo("Too Many Requests");
    Http.Response openai = get(guesser, "/v1/models", "Authorization", "Bearer " + KEY);
    assertThat(openai.status()).isEqualTo(429);
    assertThat(openai.header("Retry-After")).isNotNull();
    assertThat(openai.json().get("error").get("code").stringValue())
        .isEqualTo("rate_limit_exceeded");
    Http.Response events = get(guesser, "/api/v1/events", "Authorization", "Bearer " + KEY);
    assertThat(events.status()).isEqualTo(429);
    assertThat(events.header("Retry-After")).isNotNull();

    // a right key from another address is unaffected
    Http.Response other = apixo("127.0.0.3", KEY);
    assertThat(other.status()).as(other.text()).isEqualTo(200);
    assertThat(meters.counter("reelgate.auth.failures", "credential", "api_key").count())
        .isGreaterThanOrEqualTo(PER_ADDRESS);
    assertThat(meters.counter("reelgate.auth.throttled", "credential", "api_key").count())
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void wrongKeysWithOnePrefixFromManyAddressesAreThrottledTogether() {
    String prefix = "rg_gues";
    for (int i = 0; i < PER_PREFIX; i++) {
      String from = "127.0.1." + (i + 1);
      assertThat(apixo(from, prefix + "s" + UUID.randomUUID()).status()).isEqualTo(401);
    }
    String fresh = "127.0.1.100";
    Http.Response refused = apixo(fresh, prefix + "s" + UUID.randomUUID());
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotNull();
    // that address has no failures of its own: a key with another prefix is checked as usual
    assertThat(apixo(fresh, KEY).status()).isEqualTo(200);
  }

  @Test
  void theAdminApiIsThrottledTheSameWay() {
    String guesser = "127.0.2.1";
    for (int i = 0; i < PER_ADDRESS; i++) {
      Http.Response wrong =
          get(
              guesser,
              "/admin/v1/channels",
              "Authorization",
              "Bearer admin-" + UUID.randomUUID().toString().substring(0, 8) + i);
      assertThat(wrong.status()).isEqualTo(401);
    }
    Http.Response refused =
        get(guesser, "/admin/v1/channels", "Authorization", "Bearer admin-guess-again");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
    JsonNode body = refused.json();
    assertThat(body.get("error").stringValue()).isEqualTo("too_many_requests");
    assertThat(get(guesser, "/admin/v1/channels", "Authorization", "Bearer " + ADMIN).status())
        .isEqualTo(429);
    assertThat(get("127.0.2.2", "/admin/v1/channels", "Authorization", "Bearer " + ADMIN).status())
        .isEqualTo(200);
    assertThat(meters.counter("reelgate.auth.failures", "credential", "admin").count())
        .isEqualTo(PER_ADDRESS);
  }
}
