package io.reelgate.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Receives the server's task webhooks and records, per task, the {@link System#nanoTime()} of the
 * first delivery. It answers 200 after an optional delay (a slow receiver). Signatures are not
 * verified here: the server's own tests check them; this side only counts and times.
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final Pattern TASK_ID = Pattern.compile("\"taskId\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
  private final AtomicLong deliveries = new AtomicLong();
  private final AtomicLong signed = new AtomicLong();
  private final long delayMillis;

  public WebhookReceiver(long delayMillis) throws IOException {
    this.delayMillis = delayMillis;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The arrival instant of a task's first webhook, or null. */
  public Long arrival(String taskId) {
    return arrivals.get(taskId);
  }

  /** Tasks with at least one webhook. */
  public int tasks() {
    return arrivals.size();
  }

  /** Every delivery, repeats included. */
  public long deliveries() {
    return deliveries.get();
  }

  /** Deliveries that carried a {@code webhook-signature} header. */
  public long signed() {
    return signed.get();
  }

  public void clear() {
    arrivals.clear();
  }

  private void handle(HttpExchange ex) throws IOException {
    long now = System.nanoTime();
    try (ex) {
      String body;
      try (InputStream in = ex.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      deliveries.incrementAndGet();
      if (ex.getRequestHeaders().getFirst("webhook-signature") != null) {
        signed.incrementAndGet();
      }
      Matcher m = TASK_ID.matcher(body);
      if (m.find()) {
        arrivals.putIfAbsent(m.group(1), now);
      }
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      ex.sendResponseHeaders(200, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
