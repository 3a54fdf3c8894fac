package io.reelgate.server.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.reelgate.server.fetch.HostileTargets;
import io.reelgate.server.fetch.Listener;
import io.reelgate.server.support.Http;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The table of hostile targets against the running server with private networks refused: as input
 * images (APIXO tasks fail with {@code INVALID_IMAGE_URL}, Pixazo's image-to-video answers 400
 * naming {@code image}) and as callbacks (400 at submit naming {@code callback_url} or {@code
 * X-Webhook-URL}). A listener behind the loopback targets counts the connections that reach it:
 * none may.
 */
class UntrustedUrlsIT extends SafetyServerTest {
  static Listener listener;
  static HttpServer redirector;

  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void start() throws Exception {
    listener = new Listener();
    redirector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    redirector.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange
              .getResponseHeaders()
              .set("Location", "http://127.0.0.1:" + listener.port() + "/image.png");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    redirector.start();
  }

  @AfterAll
  static void stop() throws Exception {
    redirector.stop(0);
    listener.close();
    assertThat(listener.accepted()).as("connections that reached the listener").isZero();
  }

  static String redirectUrl() {
    return "http://"
        + HostileTargets.PUBLIC_HOST
        + ":"
        + redirector.getAddress().getPort()
        + "/image.png";
  }

  static List<String> targets() {
    return HostileTargets.urls(listener.port(), redirectUrl());
  }

  /** The targets a callback is refused for at submit; a redirect cannot be known before a send. */
  static List<String> callbackTargets() {
    return targets().stream().filter(url -> !url.equals(redirectUrl())).toList();
  }

  /** Whether the URL's form alone (scheme, host notation) refuses it, without resolving it. */
  static boolean refusedByItsForm(String url) {
    return !url.startsWith("http://")
        || url.matches("http://(2130706433|0x7f000001|0177\\.0\\.0\\.1|127\\.1):.*");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void anApixoTaskWithTheImageFailsWithInvalidImageUrl(String url) {
    Http.Response accepted =
        apixo(
            "sora-2-pro",
            Http.json(
                Map.of(
                    "input",
                    Map.of(
                        "mode",
                        "image-to-video",
                        "prompt",
                        "a lighthouse at dusk",
                        "duration",
                        4,
                        "image_urls",
                        List.of(url)))));
    if (refusedByItsForm(url)) {
      // an URL that is no http(s) URL or writes its host oddly is refused at submit, like a
      // callback
      assertThat(accepted.status()).as(accepted.text()).isEqualTo(400);
      assertThat(accepted.json().get("message").stringValue()).startsWith("input.image_urls ");
      return;
    }
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    String taskId = accepted.json().get("data").get("taskId").stringValue();
    JsonNode data = finished("sora-2-pro", taskId);
    assertThat(data.get("state").stringValue()).isEqualTo("failed");
    assertThat(data.get("failCode").stringValue()).isEqualTo("INVALID_IMAGE_URL");
    assertThat(data.get("failMsg").stringValue())
        .satisfiesAnyOf(
            m -> assertThat(m).startsWith("the image URL points at a private"),
            m -> assertThat(m).startsWith("the image URL writes its IP address"),
            m -> assertThat(m).startsWith("the image URL has a host"),
            m -> assertThat(m).startsWith("the image URL must be"),
            m -> assertThat(m).startsWith("the image URL redirects"));
    // a failed task costs nothing
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM ledger WHERE settles_task = ? AND kind = 'RELEASE'")
                .param(taskId)
                .query(Long.class)
                .single())
        .isEqualTo(1L);
  }

  @ParameterizedTest
  @MethodSource("targets")
  void pixazoImageToVideoRefusesTheImageAtSubmit(String url) {
    Http.Response r =
        pixazo(
            "/video/i2v/generate",
            Http.json(Map.of("prompt", "a lighthouse at dusk", "image", url)));
    assertThat(r.status()).as(r.text()).isEqualTo(400);
    assertThat(r.json().get("message").stringValue()).startsWith("image ");
  }

  @ParameterizedTest
  @MethodSource("callbackTargets")
  void apixoCallbackIsRefusedAtSubmit(String url) {
    Http.Response r =
        apixo(
            "sora-2",
            Http.json(
                Map.of(
                    "request_type",
                    "callback",
                    "callback_url",
                    url,
                    "input",
                    Map.of("mode", "text-to-video", "prompt", "a boat", "duration", 4))));
    assertThat(r.status()).as(r.text()).isEqualTo(400);
    assertThat(r.json().get("message").stringValue()).startsWith("callback_url ");
  }

  @ParameterizedTest
  @MethodSource("callbackTargets")
  void pixazoCallbackFieldAndHeaderAreRefusedAtSubmit(String url) {
    Http.Response body =
        pixazo("/video/generate", Http.json(Map.of("prompt", "a boat", "callback_url", url)));
    assertThat(body.status()).as(body.text()).isEqualTo(400);
    assertThat(body.json().get("message").stringValue()).startsWith("callback_url ");

    Http.Response header =
        pixazo("/video/generate", Http.json(Map.of("prompt", "a boat")), "X-Webhook-URL", url);
    assertThat(header.status()).as(header.text()).isEqualTo(400);
    assertThat(header.json().get("message").stringValue()).startsWith("X-Webhook-URL ");
  }

  /**
   * A callback on a public name that later resolves to loopback is accepted at submit and refused
   * at send: every attempt checks the URL again and connects only to the address it checked.
   */
  @Test
  void aCallbackWhoseNameTurnsPrivateIsRefusedAtSend() throws Exception {
    String url = "http://" + FLIPPING_HOST + ":" + listener.port() + "/hook";
    FLIP.set("203.0.113.7");
    Http.Response accepted =
        apixo(
            "sora-2",
            Http.json(
                Map.of(
                    "request_type",
                    "callback",
                    "callback_url",
                    url,
                    "input",
                    Map.of("mode", "text-to-video", "prompt", "a boat", "duration", 4))));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    FLIP.set("127.0.0.1");
    String taskId = accepted.json().get("data").get("taskId").stringValue();
    assertThat(finished("sora-2", taskId).get("state").stringValue()).isEqualTo("success");
    String error = firstAttemptError(taskId);
    assertThat(error)
        .startsWith("URL refused: points at a private, loopback or link-local address");
  }

  /** A callback that redirects to loopback: the 302 is the answer, the redirect is not followed. */
  @Test
  void aCallbackThatRedirectsIsNotFollowed() throws Exception {
    Http.Response accepted =
        apixo(
            "sora-2",
            Http.json(
                Map.of(
                    "request_type", "callback",
                    "callback_url", redirectUrl(),
                    "input", Map.of("mode", "text-to-video", "prompt", "a boat", "duration", 4))));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    String taskId = accepted.json().get("data").get("taskId").stringValue();
    assertThat(finished("sora-2", taskId).get("state").stringValue()).isEqualTo("success");
    assertThat(firstAttemptError(taskId)).isEqualTo("HTTP 302");
  }

  private String firstAttemptError(String taskId) throws InterruptedException {
    return await("a webhook attempt for " + taskId)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                jdbc.sql(
                        "SELECT a.error FROM webhook_attempts a JOIN webhook_deliveries d"
                            + " ON d.id = a.delivery_id WHERE d.task_id = ? ORDER BY a.attempt")
                    .param(taskId)
                    .query(String.class)
                    .list(),
            errors -> !errors.isEmpty())
        .get(0);
  }
}
