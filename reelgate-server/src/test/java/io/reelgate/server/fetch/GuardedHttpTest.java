package io.reelgate.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guarded fetcher with private networks refused: every hostile target is refused before any
 * connection reaches the listener behind it; DNS is asked once per hop and the connection goes to
 * the address it answered.
 */
class GuardedHttpTest {
  private static final GuardedHttp.Limits LIMITS =
      new GuardedHttp.Limits(Duration.ofSeconds(2), Duration.ofSeconds(5));

  static Listener listener;
  static HttpServer origin;
  static final AtomicInteger resolved = new AtomicInteger();
  static GuardedHttp http;

  @BeforeAll
  static void start() throws Exception {
    listener = new Listener();
    origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    origin.createContext(
        "/redirect",
        exchange -> {
          exchange
              .getResponseHeaders()
              .set("Location", "http://127.0.0.1:" + listener.port() + "/image.png");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    origin.createContext(
        "/hop",
        exchange -> {
          int n = Integer.parseInt(exchange.getRequestURI().getQuery());
          exchange.getResponseHeaders().set("Location", "/hop?" + (n + 1));
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    origin.createContext(
        "/hello",
        exchange -> {
          byte[] body =
              ("host=" + exchange.getRequestHeaders().getFirst("Host"))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    origin.start();
    HostResolver counting =
        host -> {
          resolved.incrementAndGet();
          return HostileTargets.resolver().resolve(host);
        };
    http = new GuardedHttp(new UrlGuard(false, counting, Set.of(HostileTargets.PUBLIC_HOST)));
  }

  @AfterAll
  static void stop() throws Exception {
    origin.stop(0);
    listener.close();
    assertThat(listener.accepted()).as("connections that reached the listener").isZero();
  }

  static List<String> hostileUrls() {
    return HostileTargets.urls(listener.port(), publicUrl("/redirect"));
  }

  static String publicUrl(String path) {
    return "http://" + HostileTargets.PUBLIC_HOST + ":" + origin.getAddress().getPort() + path;
  }

  @ParameterizedTest
  @MethodSource("hostileUrls")
  void getIsRefusedWithoutConnecting(String url) {
    int before = listener.accepted();
    assertThatThrownBy(() -> http.get(url, Map.of(), LIMITS, (answer, body) -> body.readAllBytes()))
        .isInstanceOf(ForbiddenAddressException.class);
    assertThat(listener.accepted()).isEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("hostileUrls")
  void postIsRefusedWithoutConnecting(String url) {
    int before = listener.accepted();
    // a POST never follows the redirect: its 302 is the answer, and the loopback is not called
    if (url.endsWith("/redirect")) {
      assertThat(http.postJson(url, Map.of(), "{}".getBytes(), LIMITS).status()).isEqualTo(302);
    } else {
      assertThatThrownBy(() -> http.postJson(url, Map.of(), "{}".getBytes(), LIMITS))
          .isInstanceOf(ForbiddenAddressException.class);
    }
    assertThat(listener.accepted()).isEqualTo(before);
  }

  @Test
  void connectsToTheAddressItCheckedAndKeepsTheHostName() throws Exception {
    resolved.set(0);
    String body =
        http.get(
            publicUrl("/hello"),
            Map.of(),
            LIMITS,
            (answer, in) -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    // the made-up name is known only to the test resolver: the connection used its one answer
    assertThat(resolved.get()).isEqualTo(1);
    assertThat(body)
        .isEqualTo("host=" + HostileTargets.PUBLIC_HOST + ":" + origin.getAddress().getPort());
  }

  @Test
  void followsAtMostThreeRedirects() {
    assertThatThrownBy(
            () -> http.get(publicUrl("/hop?0"), Map.of(), LIMITS, (a, in) -> in.readAllBytes()))
        .isInstanceOf(FetchFailedException.class)
        .hasMessage("redirects more than 3 times");
  }

  @Test
  void saysWhenAHostIsUnreachable() throws Exception {
    int port;
    try (var closed = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    GuardedHttp open = new GuardedHttp(new UrlGuard(true, HostResolver.SYSTEM, Set.of()));
    assertThatThrownBy(
            () ->
                open.get(
                    "http://127.0.0.1:" + port + "/",
                    Map.of(),
                    LIMITS,
                    (a, in) -> in.readAllBytes()))
        .isInstanceOf(FetchFailedException.class)
        .hasMessageStartingWith("is unreachable");
  }

  /** TLS still verifies the certificate against the URL's name (here a self-signed one fails). */
  @Test
  void tlsCertificatesAreStillVerified() {
    com.github.tomakehurst.wiremock.WireMockServer tls =
        new com.github.tomakehurst.wiremock.WireMockServer(
            com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
                .dynamicPort()
                .dynamicHttpsPort()
                .bindAddress("127.0.0.1"));
    tls.start();
    try {
      String url = "https://" + HostileTargets.PUBLIC_HOST + ":" + tls.httpsPort() + "/";
      assertThatThrownBy(() -> http.get(url, Map.of(), LIMITS, (a, in) -> in.readAllBytes()))
          .isInstanceOf(FetchFailedException.class)
          .hasMessage("is unreachable: the TLS handshake failed");
    } finally {
      tls.stop();
    }
  }

  @Test
  void anUnresolvableNameIsRefused() {
    assertThatThrownBy(
            () ->
                http.get(
                    "http://no-such-host.invalid/", Map.of(), LIMITS, (a, in) -> in.readAllBytes()))
        .isInstanceOf(ForbiddenAddressException.class)
        .hasMessageContaining("cannot be resolved");
  }
}
