package io.reelgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.reelgate.client.apixo.GenerateParams;
import io.reelgate.client.apixo.TaskRef;
import io.reelgate.client.apixo.TaskState;
import io.reelgate.client.apixo.TaskStatus;
import io.reelgate.client.testing.ServerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, fallbacks and reconnects, against a scripted HTTP server. */
class StubServerIT {
  HttpServer stub;
  final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
  final List<String> lastEventIds = new CopyOnWriteArrayList<>();
  final AtomicInteger statusCalls = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.start();
  }

  @AfterEach
  void stop() {
    stub.stop(0);
  }

  ReelgateClient client(int maxRetries) {
    return ReelgateClient.builder()
        .baseUrl("http://127.0.0.1:" + stub.getAddress().getPort())
        .apiKey("rg_test")
        .maxRetries(maxRetries)
        .initialRetryDelay(Duration.ofMillis(10))
        .maxRetryDelay(Duration.ofSeconds(3))
        .build();
  }

  static void send(HttpExchange ex, int status, String body, String... headers) throws IOException {
    for (int i = 0; i < headers.length; i += 2) {
      ex.getResponseHeaders().add(headers[i], headers[i + 1]);
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  static String status(String state) {
    return "{\"code\":200,\"message\":\"success\",\"data\":{\"taskId\":\"task_1\",\"state\":\""
        + state
        + "\",\"createTime\":1"
        + (state.equals("success")
            ? ",\"resultJson\":\"{\\\"resultUrls\\\":[\\\"http://x/v.mp4\\\"]}\",\"completeTime\":2,\"costTime\":1"
            : "")
        + "}}";
  }

  static final GenerateParams PARAMS =
      GenerateParams.builder().mode("text-to-video").prompt("p").duration(4).build();

  @Test
  void submitsAreRetriedOn429And503WithTheSameIdempotencyKey() {
    Queue<Integer> script = new ConcurrentLinkedQueue<>(List.of(429, 503, 200));
    stub.createContext(
        "/api/v1/generateTask/sora-2",
        ex -> {
          idempotencyKeys.add(ex.getRequestHeaders().getFirst("Idempotency-Key"));
          int code = script.poll();
          if (code == 200) {
            send(
                ex, 200, "{\"code\":200,\"message\":\"success\",\"data\":{\"taskId\":\"task_1\"}}");
          } else {
            send(
                ex,
                code,
                "{\"code\":" + code + ",\"message\":\"busy\",\"data\":null}",
                "Retry-After",
                "1");
          }
        });
    TaskRef task = client(2).apixo().generate("sora-2", PARAMS);
    assertThat(task.taskId()).isEqualTo("task_1");
    assertThat(idempotencyKeys).hasSize(3).doesNotContainNull();
    assertThat(new java.util.HashSet<>(idempotencyKeys)).hasSize(1);

    // a second call gets a key of its own
    script.addAll(List.of(200));
    client(2).apixo().generate("sora-2", PARAMS);
    assertThat(idempotencyKeys.get(3)).isNotEqualTo(idempotencyKeys.get(0));
  }

  @Test
  void aLongerRetryAfterThanAllowedIsThrownAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    stub.createContext(
        "/api/v1/generateTask/sora-2",
        ex -> {
          calls.incrementAndGet();
          send(
              ex,
              429,
              "{\"code\":429,\"message\":\"Rate limit exceeded: 60 per minute\",\"data\":null}",
              "Retry-After",
              "120");
        });
    assertThatThrownBy(() -> client(3).apixo().generate("sora-2", PARAMS))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
    assertThat(calls).hasValue(1);
  }

  @Test
  void aCancelIsNotRepeatedAfterABadGateway() {
    AtomicInteger calls = new AtomicInteger();
    stub.createContext(
        "/api/v1/cancelTask/sora-2",
        ex -> {
          calls.incrementAndGet();
          send(ex, 502, "bad gateway");
        });
    assertThatThrownBy(() -> client(3).apixo().cancel("sora-2", "task_1"))
        .isInstanceOf(ServerException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void anUnreachableServerIsAConnectionException() {
    ReelgateClient c =
        ReelgateClient.builder()
            .baseUrl("http://127.0.0.1:" + ServerProcess.freePort())
            .apiKey("k")
            .maxRetries(1)
            .initialRetryDelay(Duration.ofMillis(10))
            .build();
    assertThatThrownBy(() -> c.apixo().status("sora-2", "task_1"))
        .isInstanceOf(ConnectionException.class)
        .satisfies(e -> assertThat(((ReelgateException) e).isRetryable()).isTrue());
  }

  @Test
  void withoutAnEventStreamTheWaitPolls() {
    Queue<String> states =
        new ConcurrentLinkedQueue<>(List.of("pending", "processing", "processing", "success"));
    stub.createContext(
        "/api/v1/tasks/task_1/events", ex -> send(ex, 404, "{\"timestamp\":1,\"status\":404}"));
    stub.createContext(
        "/api/v1/statusTask/sora-2",
        ex -> {
          statusCalls.incrementAndGet();
          String s = states.size() > 1 ? states.poll() : states.peek();
          send(ex, 200, status(s));
        });
    List<TaskStatus> seen = new ArrayList<>();
    TaskStatus done =
        client(0)
            .apixo()
            .waitFor(
                new TaskRef("sora-2", "task_1"),
                WaitOptions.builder().pollInterval(Duration.ofMillis(20)).build(),
                seen::add);
    assertThat(done.state()).isEqualTo(TaskState.SUCCESS);
    assertThat(seen)
        .extracting(TaskStatus::state)
        .containsExactly(TaskState.PENDING, TaskState.PROCESSING, TaskState.SUCCESS);
    assertThat(statusCalls).hasValue(4);
  }

  @Test
  void aBrokenStreamIsResumedWithLastEventId() {
    AtomicInteger connections = new AtomicInteger();
    stub.createContext(
        "/api/v1/tasks/task_1/events",
        ex -> {
          lastEventIds.add(String.valueOf(ex.getRequestHeaders().getFirst("Last-Event-ID")));
          ex.getResponseHeaders().add("Content-Type", "text/event-stream");
          ex.sendResponseHeaders(200, 0);
          OutputStream out = ex.getResponseBody();
          if (connections.incrementAndGet() == 1) {
            out.write(
                (": hello\n\nid: task_1:1\ndata: " + status("pending") + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            ex.close(); // the connection breaks before the end
          } else {
            out.write(
                ("id: task_1:3\ndata: " + status("success") + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            ex.close();
          }
        });
    List<TaskStatus> seen = new ArrayList<>();
    TaskStatus done =
        client(0)
            .apixo()
            .waitFor(new TaskRef("sora-2", "task_1"), WaitOptions.defaults(), seen::add);
    assertThat(done.resultUrl()).isEqualTo("http://x/v.mp4");
    assertThat(seen)
        .extracting(TaskStatus::state)
        .containsExactly(TaskState.PENDING, TaskState.SUCCESS);
    assertThat(lastEventIds).containsExactly("null", "task_1:1");
  }

  @Test
  void aWaitThatOutlastsItsTimeoutSaysSo() {
    stub.createContext("/api/v1/tasks/task_1/events", ex -> send(ex, 404, ""));
    stub.createContext("/api/v1/statusTask/sora-2", ex -> send(ex, 200, status("processing")));
    assertThatThrownBy(
            () ->
                client(0)
                    .apixo()
                    .waitFor(
                        new TaskRef("sora-2", "task_1"),
                        WaitOptions.builder()
                            .timeout(Duration.ofMillis(300))
                            .pollInterval(Duration.ofMillis(50))
                            .build(),
                        null))
        .isInstanceOfSatisfying(
            WaitTimeoutException.class,
            e -> assertThat(((TaskStatus) e.lastStatus()).state()).isEqualTo(TaskState.PROCESSING));
  }
}
