package io.reelgate.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An upstream speaking the {@code openai-videos} protocol ({@code POST /v1/videos}, {@code GET
 * /v1/videos/{id}}, {@code GET /v1/videos/{id}/content}) with a configurable answer latency and
 * completion-time plan. Each channel of the benchmark gets its own path prefix ({@code
 * /<channel>/v1/videos}); a channel registered with {@link #push} also gets
 * Standard-Webhooks-signed {@code video.completed} events at the server's upstream webhook
 * endpoint.
 *
 * <p>Every job remembers the {@link System#nanoTime()} at which it completed, and the benchmark
 * sequence number it finds in the prompt ({@code [bench:<n>]}), so the time from upstream
 * completion to the client's webhook can be measured.
 */
public final class StubUpstream implements AutoCloseable {
  private static final Pattern PATH =
      Pattern.compile("^/([a-z0-9-]+)(?:/v1)?/videos(?:/([A-Za-z0-9_]+)(/content)?)?/?$");
  private static final Pattern JSON_PROMPT =
      Pattern.compile("\"prompt\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern JSON_FIELD =
      Pattern.compile("\"(model|size|seconds)\"\\s*:\\s*\"?([A-Za-z0-9._*-]+)");
  private static final Pattern MULTIPART_FIELD =
      Pattern.compile(
          "name=\"(prompt|model|size|seconds)\"\\r\\n(?:[^\\r\\n]+\\r\\n)*\\r\\n([^\\r]*)");
  private static final Pattern SEQ = Pattern.compile("\\[bench:(\\d+)]");

  /** When a new job completes, measured from its creation. */
  public sealed interface Plan {
    /** Jobs stay in progress until {@link #releaseAll} or {@link #failAll}. */
    record Hold() implements Plan {}

    /** Uniformly between {@code minMillis} and {@code maxMillis} after creation. */
    record Uniform(long minMillis, long maxMillis) implements Plan {}

    /** New jobs fail at once, as a moderation block (final: the gateway does not retry it). */
    record Fail() implements Plan {}
  }

  /** One upstream job. */
  public static final class Job {
    final String id;
    final String channel;
    final long seq;
    final long createdNanos;
    final long createdEpochSeconds;
    final String model;
    final String size;
    final String seconds;
    volatile long completeAtNanos = Long.MAX_VALUE;
    volatile long completedNanos;
    volatile boolean failed;

    Job(String id, String channel, long seq, String model, String size, String seconds) {
      this.id = id;
      this.channel = channel;
      this.seq = seq;
      this.model = model;
      this.size = size;
      this.seconds = seconds;
      this.createdNanos = System.nanoTime();
      this.createdEpochSeconds = System.currentTimeMillis() / 1000;
    }

    public long seq() {
      return seq;
    }

    /** The instant ({@link System#nanoTime()}) the job completed, 0 while it runs. */
    public long completedNanos() {
      return completedNanos;
    }

    public boolean failed() {
      return failed;
    }
  }

  /** Where a channel's events go: the nodes' webhook URLs in turn. */
  private record Push(List<URI> urls, byte[] key, AtomicLong sent) {
    URI next() {
      return urls.get((int) Math.floorMod(sent.getAndIncrement(), (long) urls.size()));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient pushClient =
      HttpClient.newBuilder()
          .executor(executor)
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final Map<Long, Job> bySeq = new ConcurrentHashMap<>();
  private final Map<String, Push> pushes = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong creates = new AtomicLong();
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong downloads = new AtomicLong();
  private final AtomicLong pushesSent = new AtomicLong();
  private final AtomicLong pushesFailed = new AtomicLong();
  private final byte[] content;
  private volatile Plan plan = new Plan.Hold();
  private volatile long latencyMillis;

  /**
   * @param content the bytes every job's {@code /content} answers (an MP4)
   */
  public StubUpstream(byte[] content) throws IOException {
    this.content = content.clone();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL a channel named {@code channel} is configured with. */
  public String baseUrl(String channel) {
    return "http://127.0.0.1:" + port() + "/" + channel + "/v1";
  }

  /** Sends {@code channel}'s completions to {@code url}, signed with a {@code whsec_} secret. */
  public void push(String channel, URI url, String secret) {
    push(channel, List.of(url), secret);
  }

  /**
   * Sends {@code channel}'s completions to the {@code urls} in turn (one per server node), signed
   * with a {@code whsec_} secret.
   */
  public void push(String channel, List<URI> urls, String secret) {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("no URL to push " + channel + "'s events to");
    }
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    pushes.put(channel, new Push(List.copyOf(urls), key, new AtomicLong()));
  }

  public void plan(Plan plan) {
    this.plan = plan;
  }

  public void latencyMillis(long millis) {
    this.latencyMillis = millis;
  }

  public long creates() {
    return creates.get();
  }

  public long polls() {
    return polls.get();
  }

  public long downloads() {
    return downloads.get();
  }

  public long pushesSent() {
    return pushesSent.get();
  }

  public long pushesFailed() {
    return pushesFailed.get();
  }

  /** The job created for a benchmark sequence number, or null. */
  public Job bySeq(long seq) {
    return bySeq.get(seq);
  }

  public Collection<Job> jobs() {
    return List.copyOf(jobs.values());
  }

  /** Jobs created and neither completed nor failed yet. */
  public long running() {
    long now = System.nanoTime();
    return jobs.values().stream().filter(j -> !j.failed && j.completeAtNanos > now).count();
  }

  /**
   * Lets every held job complete, spread uniformly over {@code spreadMillis} from now; pushes are
   * sent at each completion instant.
   */
  public void releaseAll(long spreadMillis) {
    long now = System.nanoTime();
    for (Job job : jobs.values()) {
      if (job.completeAtNanos == Long.MAX_VALUE && !job.failed) {
        long offset =
            spreadMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(spreadMillis * 1_000_000);
        schedule(job, now + offset);
      }
    }
  }

  /**
   * Lets the held jobs of the given benchmark sequence numbers complete, spread uniformly over
   * {@code spreadMillis} from now; returns how many were released.
   */
  public int release(Collection<Long> seqs, long spreadMillis) {
    long now = System.nanoTime();
    int released = 0;
    for (Long seq : seqs) {
      Job job = bySeq.get(seq);
      if (job != null && job.completeAtNanos == Long.MAX_VALUE && !job.failed) {
        long offset =
            spreadMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(spreadMillis * 1_000_000);
        schedule(job, now + offset);
        released++;
      }
    }
    return released;
  }

  /**
   * Fails every job that has not completed, as a moderation block (final, so the gateway does not
   * submit the task again).
   */
  public void failAll() {
    long now = System.nanoTime();
    for (Job job : jobs.values()) {
      if (job.completeAtNanos > now) {
        job.failed = true;
        job.completeAtNanos = now;
        job.completedNanos = now;
        Push push = pushes.get(job.channel);
        if (push != null) {
          executor.execute(() -> sendPush(job, push, "video.failed"));
        }
      }
    }
  }

  /** Forgets every job (between scenarios). */
  public void clear() {
    jobs.clear();
    bySeq.clear();
  }

  private void schedule(Job job, long atNanos) {
    job.completeAtNanos = atNanos;
    Push push = pushes.get(job.channel);
    executor.execute(
        () -> {
          long wait = atNanos - System.nanoTime();
          if (wait > 0) {
            try {
              Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
              return;
            }
          }
          job.completedNanos = System.nanoTime();
          if (push != null) {
            sendPush(job, push, "video.completed");
          }
        });
  }

  private void sendPush(Job job, Push push, String type) {
    String eventId = "evt_" + job.id;
    long ts = System.currentTimeMillis() / 1000;
    String body =
        "{\"id\":\""
            + eventId
            + "\",\"object\":\"event\",\"created_at\":"
            + ts
            + ",\"type\":\""
            + type
            + "\",\"data\":{\"id\":\""
            + job.id
            + "\"}}";
    try {
      HttpRequest request =
          HttpRequest.newBuilder(push.next())
              .timeout(Duration.ofSeconds(30))
              .header("content-type", "application/json")
              .header("webhook-id", eventId)
              .header("webhook-timestamp", Long.toString(ts))
              .header("webhook-signature", "v1," + sign(push.key(), eventId, ts, body))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      int status = pushClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 == 2) {
        pushesSent.incrementAndGet();
      } else {
        pushesFailed.incrementAndGet();
      }
    } catch (IOException | InterruptedException e) {
      pushesFailed.incrementAndGet();
    }
  }

  static String sign(byte[] key, String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] sig =
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      long latency = latencyMillis;
      if (latency > 0) {
        Thread.sleep(latency);
      }
      Matcher m = PATH.matcher(ex.getRequestURI().getPath());
      if (!m.matches()) {
        send(ex, 404, "{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}");
        return;
      }
      String channel = m.group(1);
      String id = m.group(2);
      String method = ex.getRequestMethod();
      if (id == null && method.equals("POST")) {
        create(ex, channel);
      } else if (id != null && m.group(3) == null && method.equals("GET")) {
        polls.incrementAndGet();
        Job job = jobs.get(id);
        if (job == null) {
          send(
              ex,
              404,
              "{\"error\":{\"message\":\"no such video\",\"type\":\"invalid_request_error\"}}");
        } else {
          send(ex, 200, videoJson(job));
        }
      } else if (id != null && m.group(3) == null && method.equals("DELETE")) {
        Job job = jobs.get(id);
        if (job != null) {
          job.failed = true;
          job.completeAtNanos = System.nanoTime();
        }
        send(ex, 200, "{\"id\":\"" + id + "\",\"object\":\"video.deleted\",\"deleted\":true}");
      } else if (id != null && method.equals("GET")) {
        Job job = jobs.get(id);
        if (job == null || job.failed || job.completeAtNanos > System.nanoTime()) {
          send(
              ex,
              404,
              "{\"error\":{\"message\":\"video not ready\",\"type\":\"invalid_request_error\"}}");
          return;
        }
        downloads.incrementAndGet();
        ex.getResponseHeaders().set("content-type", "video/mp4");
        ex.sendResponseHeaders(200, content.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(content);
        }
      } else {
        send(
            ex,
            405,
            "{\"error\":{\"message\":\"method not allowed\",\"type\":\"invalid_request_error\"}}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void create(HttpExchange ex, String channel) throws IOException {
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String prompt = null;
    String model = "sora-2";
    String size = "1280x720";
    String seconds = "4";
    Matcher p = JSON_PROMPT.matcher(body);
    if (p.find()) {
      prompt = p.group(1);
      Matcher f = JSON_FIELD.matcher(body);
      while (f.find()) {
        switch (f.group(1)) {
          case "model" -> model = f.group(2);
          case "size" -> size = f.group(2);
          default -> seconds = f.group(2);
        }
      }
    } else {
      Matcher f = MULTIPART_FIELD.matcher(body);
      while (f.find()) {
        switch (f.group(1)) {
          case "prompt" -> prompt = f.group(2);
          case "model" -> model = f.group(2);
          case "size" -> size = f.group(2);
          default -> seconds = f.group(2);
        }
      }
    }
    if (prompt == null || prompt.isBlank()) {
      send(
          ex,
          400,
          "{\"error\":{\"message\":\"prompt is required\",\"type\":\"invalid_request_error\",\"param\":\"prompt\"}}");
      return;
    }
    Matcher s = SEQ.matcher(prompt);
    long seq = s.find() ? Long.parseLong(s.group(1)) : -1;
    Job job = new Job("video_" + ids.incrementAndGet(), channel, seq, model, size, seconds);
    jobs.put(job.id, job);
    if (seq >= 0) {
      bySeq.put(seq, job);
    }
    creates.incrementAndGet();
    Plan current = plan;
    if (current instanceof Plan.Fail) {
      job.failed = true;
      job.completeAtNanos = job.createdNanos;
      job.completedNanos = job.createdNanos;
    } else if (current instanceof Plan.Uniform u) {
      long delay =
          u.maxMillis() > u.minMillis()
              ? ThreadLocalRandom.current().nextLong(u.minMillis(), u.maxMillis() + 1)
              : u.minMillis();
      schedule(job, job.createdNanos + delay * 1_000_000);
    }
    send(ex, 200, videoJson(job));
  }

  private static String videoJson(Job job) {
    long now = System.nanoTime();
    String status;
    int progress;
    String completedAt = "null";
    String error = "null";
    if (job.failed) {
      status = "failed";
      progress = 0;
      // a moderation block is final: the gateway neither retries it nor tries another channel
      error = "{\"code\":\"moderation_blocked\",\"message\":\"stopped by the benchmark\"}";
    } else if (now >= job.completeAtNanos) {
      status = "completed";
      progress = 100;
      if (job.completedNanos == 0) {
        // a polled job completes at its planned instant
        job.completedNanos = job.completeAtNanos;
      }
      completedAt = Long.toString(System.currentTimeMillis() / 1000);
    } else if (now - job.createdNanos < 200_000_000L) {
      status = "queued";
      progress = 0;
    } else {
      status = "in_progress";
      progress = 50;
    }
    return "{\"id\":\""
        + job.id
        + "\",\"object\":\"video\",\"model\":\""
        + job.model
        + "\",\"status\":\""
        + status
        + "\",\"progress\":"
        + progress
        + ",\"created_at\":"
        + job.createdEpochSeconds
        + ",\"completed_at\":"
        + completedAt
        + ",\"expires_at\":null,\"prompt\":null,\"size\":\""
        + job.size
        + "\",\"seconds\":\""
        + job.seconds
        + "\",\"remixed_from_video_id\":null,\"error\":"
        + error
        + "}";
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("content-type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
