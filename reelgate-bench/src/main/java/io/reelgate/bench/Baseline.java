package io.reelgate.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The yardstick: a minimal JDK {@link HttpServer} on virtual threads that answers the submit and
 * status paths with fixed JSON bytes (copied from the real server's answers), so the gateway's
 * figures can be read against what plain HTTP on this machine does.
 *
 * <p>For conditional status polls it can also replay recorded answers: a status request carrying
 * {@value #REPLAY_HEADER}{@code : <i>} gets answer {@code i} of {@link #replay} as it was (status,
 * {@code ETag}, body; a 304 without a body).
 */
public final class Baseline implements AutoCloseable {
  /** The request header naming the recorded answer to replay. */
  static final String REPLAY_HEADER = "x-bench-replay";

  /** One answer: its status, its body (empty for a 304) and its {@code ETag} (or null). */
  public record Answer(int status, byte[] body, String etag) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private volatile List<Answer> replay = List.of();

  public Baseline(byte[] submitAnswer, byte[] statusAnswer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.setExecutor(executor);
    server.createContext("/api/v1/generateTask/", ex -> answer(ex, submitAnswer));
    server.createContext(
        "/api/v1/statusTask/",
        ex -> {
          String i = ex.getRequestHeaders().getFirst(REPLAY_HEADER);
          List<Answer> recorded = replay;
          if (i == null || recorded.isEmpty()) {
            answer(ex, statusAnswer);
          } else {
            answer(ex, recorded.get(Math.floorMod(Integer.parseInt(i), recorded.size())));
          }
        });
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The answers status requests with {@value #REPLAY_HEADER} get, by index. */
  public void replay(List<Answer> answers) {
    replay = List.copyOf(answers);
  }

  private static void answer(HttpExchange ex, byte[] body) throws IOException {
    answer(ex, new Answer(200, body, null));
  }

  private static void answer(HttpExchange ex, Answer a) throws IOException {
    try (ex) {
      try (InputStream in = ex.getRequestBody()) {
        in.readAllBytes();
      }
      if (a.etag() != null) {
        ex.getResponseHeaders().set("ETag", a.etag());
      }
      if (a.status() == 304) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(a.status(), a.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(a.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
