package io.reelgate.server.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible video upstream on 127.0.0.1 that keeps its state for two gateway nodes at
 * once, plus a receiver of the gateway's callbacks. Like OpenAI it answers a repeated {@code
 * Idempotency-Key} with the job it made the first time, and it counts every submit per key, so a
 * second submit shows even when it made no second job. A job finishes {@code finishAfterMillis}
 * after its first submit, except jobs whose request says {@code HOLD}: they stay in progress (polls
 * a minute apart) until {@link #complete} or a pushed webhook ends them.
 */
final class StubUpstream implements AutoCloseable {
  static final byte[] VIDEO = "stub-upstream-video-bytes".getBytes(StandardCharsets.UTF_8);

  record Job(String id, String taskId, long createdAt, boolean held) {}

  record Callback(String path, String body) {}

  private final HttpServer server;
  private final long finishAfterMillis;
  private final Map<String, Job> byKey = new ConcurrentHashMap<>();
  private final Map<String, Job> byId = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> submits = new ConcurrentHashMap<>();
  private final Map<String, Boolean> released = new ConcurrentHashMap<>();
  private final List<Callback> callbacks = new CopyOnWriteArrayList<>();
  private final AtomicInteger polls = new AtomicInteger();

  StubUpstream(long finishAfterMillis) {
    this.finishAfterMillis = finishAfterMillis;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/v1/videos", this::videos);
    server.createContext(
        "/hooks/",
        exchange -> {
          callbacks.add(new Callback(exchange.getRequestURI().getPath(), body(exchange)));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Submits per task (per idempotency key). */
  Map<String, Integer> submitsPerTask() {
    Map<String, Integer> copy = new java.util.TreeMap<>();
    submits.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  Job jobOf(String taskId) {
    return byKey.get(taskId);
  }

  int polls() {
    return polls.get();
  }

  List<Callback> callbacks() {
    return List.copyOf(callbacks);
  }

  /** Lets a held job finish: its next poll sees it completed. */
  void complete(String jobId) {
    released.put(jobId, true);
  }

  private void videos(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (method.equals("POST") && path.equals("/v1/videos")) {
      String body = body(exchange);
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      submits.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      Job job =
          byKey.computeIfAbsent(
              key,
              k ->
                  new Job(
                      "video_" + Integer.toHexString(k.hashCode()) + "_" + byKey.size(),
                      k,
                      System.currentTimeMillis(),
                      body.contains("HOLD")));
      byId.put(job.id(), job);
      json(exchange, job, "queued");
      return;
    }
    String[] parts = path.split("/");
    Job job = parts.length >= 4 ? byId.get(parts[3]) : null;
    if (job == null) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    if (parts.length == 5 && parts[4].equals("content")) {
      body(exchange);
      exchange.getResponseHeaders().set("Content-Type", "video/mp4");
      exchange.sendResponseHeaders(200, VIDEO.length);
      exchange.getResponseBody().write(VIDEO);
      exchange.close();
      return;
    }
    polls.incrementAndGet();
    json(exchange, job, finished(job) ? "completed" : "in_progress");
  }

  private boolean finished(Job job) {
    if (job.held()) {
      return released.containsKey(job.id());
    }
    return System.currentTimeMillis() - job.createdAt() >= finishAfterMillis;
  }

  private void json(HttpExchange exchange, Job job, String status) throws IOException {
    byte[] out =
        ("{\"id\":\"" + job.id() + "\",\"object\":\"video\",\"status\":\"" + status + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("openai-poll-after-ms", job.held() ? "60000" : "300");
    exchange.sendResponseHeaders(200, out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  private static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
