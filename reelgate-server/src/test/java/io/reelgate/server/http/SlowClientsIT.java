package io.reelgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A client that sends its headers or its body a byte at a time, each byte well within the per-read
 * timeout, loses its connection once the overall deadline has passed (2 s for headers, 3 s for a
 * body here), while a normal request on another connection is served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlowClientsIT {
  static final String KEY = "rg_test_slow_0123456789";

  /** Bytes a dripping client would send at most: far more than the deadlines let through. */
  static final int DRIPS = 200;

  @LocalServerPort int port;
  @Autowired SlowClients slowClients;

  private final ScheduledExecutorService dripper = Executors.newScheduledThreadPool(2);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, ServerTest.tempDataDir("reelgate-slow"), KEY);
    r.add("reelgate.http.header-deadline", () -> "2s");
    r.add("reelgate.http.body-deadline", () -> "3s");
    // why: each drip comes well within the per-read timeout, so only the deadline can cut it
    r.add("server.tomcat.connection-timeout", () -> "30s");
  }

  @AfterEach
  void stopDripping() {
    dripper.shutdownNow();
  }

  /** What the server did with a dripping connection. */
  record Outcome(boolean closed, int dripsSent, String answer) {}

  Outcome drip(String head, String dripped) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(60_000);
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    AtomicInteger sent = new AtomicInteger();
    AtomicBoolean closed = new AtomicBoolean();
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] bytes = dripped.getBytes(StandardCharsets.US_ASCII);
    dripper.scheduleAtFixedRate(
        () -> {
          int i = sent.get();
          if (closed.get() || i >= bytes.length) {
            return;
          }
          try {
            out.write(bytes[i]);
            out.flush();
            sent.incrementAndGet();
          } catch (IOException e) {
            closed.set(true);
          }
        },
        0,
        250,
        TimeUnit.MILLISECONDS);
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (InputStream in = socket.getInputStream()) {
                    byte[] buffer = new byte[4096];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                      answer.write(buffer, 0, n);
                    }
                  } catch (IOException e) {
                    // a reset is a close too
                  }
                  closed.set(true);
                });
    await().atMost(Duration.ofSeconds(40)).untilTrue(closed);
    reader.interrupt();
    socket.close();
    return new Outcome(closed.get(), sent.get(), answer.toString(StandardCharsets.ISO_8859_1));
  }

  @Test
  void headersDrippedPastTheDeadlineLoseTheConnection() throws IOException {
    long before = slowClients.closedConnections();
    String headers = "X-Slow-" + "a".repeat(DRIPS) + ": 1\r\n\r\n";
    Outcome outcome =
        drip(
            "GET /api/v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + KEY
                + "\r\n",
            headers);
    assertThat(outcome.closed()).isTrue();
    assertThat(outcome.answer()).isEmpty();
    // cut while it was still sending: the headers never completed
    assertThat(outcome.dripsSent()).isPositive().isLessThan(headers.length());
    assertThat(slowClients.closedConnections()).isGreaterThan(before);
    // the server still serves a normal request
    assertThat(
            Http.send(
                    "GET",
                    "http://127.0.0.1:" + port + "/api/v1/models",
                    null,
                    "Authorization",
                    "Bearer " + KEY)
                .status())
        .isEqualTo(200);
  }

  @Test
  void aBodyDrippedPastTheDeadlineLosesTheConnection() throws IOException {
    String body =
        "{\"input\":{\"mode\":\"text-to-video\",\"prompt\":\"" + "b".repeat(DRIPS) + "\"}}";
    Outcome outcome =
        drip(
            "POST /api/v1/generateTask/sora-2 HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer "
                + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length()
                + "\r\n\r\n",
            body);
    assertThat(outcome.closed()).isTrue();
    assertThat(outcome.dripsSent()).isPositive().isLessThan(body.length());
    if (!outcome.answer().isEmpty()) {
      // the answer to the read that failed, with the connection closed after it
      assertThat(outcome.answer()).startsWith("HTTP/1.1 400").contains("Connection: close");
      assertThat(outcome.answer()).contains("the request body could not be read");
    }
  }
}
