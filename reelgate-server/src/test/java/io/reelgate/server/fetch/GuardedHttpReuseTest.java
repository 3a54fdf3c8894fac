package io.reelgate.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A POST's connection is kept for the next POST to the same checked addresses, and only then: the
 * receiver notes the client port of each request, so one port means one connection.
 */
class GuardedHttpReuseTest {
  private static final GuardedHttp.Limits LIMITS =
      new GuardedHttp.Limits(Duration.ofSeconds(2), Duration.ofSeconds(5));
  private static final byte[] JSON = "{\"id\":1}".getBytes();

  static HttpServer receiver;
  static final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
  static final List<String> hosts = new CopyOnWriteArrayList<>();
  static final AtomicReference<List<InetAddress>> answer = new AtomicReference<>();
  static GuardedHttp http;

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/short", e -> answer(e, 200, 2));
    receiver.createContext("/empty", e -> answer(e, 204, -1));
    receiver.createContext("/chunked", e -> answer(e, 200, 0));
    receiver.createContext("/long", e -> answer(e, 200, 3 * GuardedHttp.MAX_DRAINED));
    receiver.start();
    HostResolver changing =
        host ->
            host.equals(HostileTargets.PUBLIC_HOST)
                ? answer.get()
                : HostileTargets.resolver().resolve(host);
    http = new GuardedHttp(new UrlGuard(false, changing, Set.of(HostileTargets.PUBLIC_HOST)));
  }

  @AfterAll
  static void stop() {
    http.destroy();
    receiver.stop(0);
  }

  @BeforeEach
  void reset() throws Exception {
    clientPorts.clear();
    hosts.clear();
    answer.set(List.of(InetAddress.getByName("127.0.0.1")));
  }

  /** Reads the request, notes who sent it and answers with {@code length} bytes (0: chunked). */
  private static void answer(HttpExchange e, int status, int length) throws IOException {
    e.getRequestBody().readAllBytes();
    clientPorts.add(e.getRemoteAddress().getPort());
    hosts.add(e.getRequestHeaders().getFirst("Host"));
    e.sendResponseHeaders(status, length);
    if (length != -1) {
      e.getResponseBody().write(new byte[length == 0 ? 100 : length]);
    }
    e.close();
  }

  private static String url(String path) {
    return "http://" + HostileTargets.PUBLIC_HOST + ":" + receiver.getAddress().getPort() + path;
  }

  private static int post(String path) {
    return http.postJson(url(path), Map.of(), JSON, LIMITS).status();
  }

  @Test
  void postsToOneReceiverShareAConnection() {
    assertThat(post("/short")).isEqualTo(200);
    assertThat(post("/empty")).isEqualTo(204);
    assertThat(post("/chunked")).isEqualTo(200);
    assertThat(post("/short")).isEqualTo(200);
    assertThat(clientPorts).hasSize(4);
    assertThat(Set.copyOf(clientPorts)).as("connections").hasSize(1);
    // the Host header keeps the URL's name, not the address connected to
    assertThat(hosts)
        .allSatisfy(
            h ->
                assertThat(h)
                    .isEqualTo(HostileTargets.PUBLIC_HOST + ":" + receiver.getAddress().getPort()));
  }

  @Test
  void aLongAnswerIsNotReadToKeepItsConnection() {
    assertThat(post("/long")).isEqualTo(200);
    assertThat(post("/short")).isEqualTo(200);
    assertThat(post("/short")).isEqualTo(200);
    assertThat(clientPorts).hasSize(3);
    assertThat(clientPorts.get(1)).as("after the long answer").isNotEqualTo(clientPorts.get(0));
    assertThat(clientPorts.get(2)).isEqualTo(clientPorts.get(1));
  }

  @Test
  void aChangedAddressSetDoesNotReuseTheOldConnection() throws Exception {
    assertThat(post("/short")).isEqualTo(200);
    assertThat(post("/short")).isEqualTo(200);
    // the name now resolves to more addresses: the connection made under the old answer is not
    // used for it, even though the first address is the same
    answer.set(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2")));
    assertThat(post("/short")).isEqualTo(200);
    assertThat(post("/short")).isEqualTo(200);
    assertThat(clientPorts).hasSize(4);
    assertThat(clientPorts.get(1)).isEqualTo(clientPorts.get(0));
    assertThat(clientPorts.get(2)).isNotEqualTo(clientPorts.get(1));
    assertThat(clientPorts.get(3)).isEqualTo(clientPorts.get(2));
  }

  @Test
  void getsDoNotKeepConnections() throws Exception {
    receiver.createContext("/image", e -> answer(e, 200, 2));
    try {
      for (int i = 0; i < 2; i++) {
        http.get(url("/image"), Map.of(), LIMITS, (a, in) -> in.readAllBytes());
      }
    } finally {
      receiver.removeContext("/image");
    }
    assertThat(clientPorts).hasSize(2);
    assertThat(clientPorts.get(1)).isNotEqualTo(clientPorts.get(0));
  }
}
