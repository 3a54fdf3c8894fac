package io.reelgate.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The yardstick: a minimal JDK {@link HttpServer} on virtual threads that answers the submit and
 * status paths with fixed JSON bytes (copied from the real server's answers), so the gateway's
 * figures can be read against what plain HTTP on this machine does.
 */
public final class Baseline implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public Baseline(byte[] submitAnswer, byte[] statusAnswer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.setExecutor(executor);
    server.createContext("/api/v1/generateTask/", ex -> answer(ex, submitAnswer));
    server.createContext("/api/v1/statusTask/", ex -> answer(ex, statusAnswer));
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void answer(HttpExchange ex, byte[] body) throws IOException {
    try (ex) {
      try (InputStream in = ex.getRequestBody()) {
        in.readAllBytes();
      }
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
