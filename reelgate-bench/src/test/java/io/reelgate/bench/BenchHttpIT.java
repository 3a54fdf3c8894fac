package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's own HTTP servers on loopback: the baseline's replay, the stub's release, and the
 * conditional polls against a status endpoint that sends ETags.
 */
class BenchHttpIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void baselineReplaysRecordedAnswersByIndexAndOtherwiseAnswersTheFixedStatus() throws Exception {
    try (Baseline baseline = new Baseline("{\"s\":1}".getBytes(), "{\"st\":1}".getBytes())) {
      baseline.replay(
          List.of(
              new Baseline.Answer(200, "{\"v\":2}".getBytes(), "\"v2\""),
              new Baseline.Answer(304, new byte[0], "\"v2\"")));
      String url = baseline.baseUrl() + "/api/v1/statusTask/sora-2?taskId=t";

      HttpResponse<String> plain = get(url, null);
      HttpResponse<String> first = get(url, "0");
      HttpResponse<String> second = get(url, "1");

      assertThat(plain.statusCode()).isEqualTo(200);
      assertThat(plain.body()).isEqualTo("{\"st\":1}");
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).isEqualTo("{\"v\":2}");
      assertThat(first.headers().firstValue("ETag")).hasValue("\"v2\"");
      assertThat(second.statusCode()).isEqualTo(304);
      assertThat(second.body()).isEmpty();
      assertThat(second.headers().firstValue("ETag")).hasValue("\"v2\"");
    }
  }

  @Test
  void stubReleasesOnlyTheNamedJobsAndPushesToEachNodeInTurn() throws Exception {
    String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    try (StubUpstream stub = new StubUpstream(new byte[] {1});
        WebhookReceiver node1 = new WebhookReceiver(0);
        WebhookReceiver node2 = new WebhookReceiver(0)) {
      stub.push("ch", List.of(URI.create(node1.url()), URI.create(node2.url())), secret);
      for (int seq = 1; seq <= 3; seq++) {
        create(stub.baseUrl("ch"), seq);
      }

      int released = stub.release(List.of(1L, 2L, 99L), 0);

      assertThat(released).isEqualTo(2);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> node1.deliveries() + node2.deliveries() == 2);
      assertThat(node1.deliveries()).isEqualTo(1);
      assertThat(node2.deliveries()).isEqualTo(1);
      assertThat(stub.bySeq(3).completedNanos()).isZero();
      assertThat(stub.release(List.of(1L), 0)).isZero();
    }
  }

  @Test
  void conditionalPollsGet304sForUnchangedTasksAndTheBaselineReplaysTheSameAnswers()
      throws Exception {
    Map<String, AtomicInteger> versions = new ConcurrentHashMap<>();
    AtomicInteger answers = new AtomicInteger();
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    HttpServer etagServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    etagServer.setExecutor(executor);
    etagServer.createContext(
        "/api/v1/statusTask/",
        ex -> {
          try (ex) {
            String taskId = ex.getRequestURI().getQuery().substring("taskId=".length());
            if (answers.incrementAndGet() == 200) {
              // every task changes while it is polled; why all: a task's next poll may be one of
              // the unconditional ones, which learns the new tag without a changed answer
              versions.values().forEach(AtomicInteger::incrementAndGet);
            }
            String etag = "\"" + taskId + "-" + versions.get(taskId).get() + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
              ex.sendResponseHeaders(304, -1);
              return;
            }
            byte[] body = ("{\"data\":{\"taskId\":\"" + taskId + "\"}}").getBytes();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(body);
            }
          }
        });
    etagServer.start();
    try (Baseline baseline = new Baseline("{}".getBytes(), "{}".getBytes())) {
      List<StatusEtagScenario.Target> targets =
          IntStream.range(0, 10)
              .mapToObj(i -> new StatusEtagScenario.Target("sora-2", "t" + i))
              .toList();
      targets.forEach(t -> versions.put(t.taskId(), new AtomicInteger()));
      String base = "http://127.0.0.1:" + etagServer.getAddress().getPort();
      EtagPolls polls = new EtagPolls();

      Load.Result polled =
          StatusEtagScenario.poll(
              http, () -> base, targets, polls, 4, 400, TimeUnit.SECONDS.toNanos(60));

      assertThat(polls.etagSupported()).isTrue();
      assertThat(polls.answers()).isEqualTo(400);
      assertThat(polled.latencies().histogram().getTotalCount()).isEqualTo(400);
      assertThat(polls.notModified()).isGreaterThan(polls.answers() / 2);
      assertThat(polls.changed()).isPositive();
      assertThat(polls.conditional()).isLessThan(polls.answers());

      List<EtagPolls.Exchange> exchanges = polls.exchanges();
      StatusEtagScenario.Replay replayed = StatusEtagScenario.replay(http, baseline, exchanges, 4);

      assertThat(replayed.result().latencies().histogram().getTotalCount())
          .isEqualTo(exchanges.size());
      assertThat(replayed.result().latencies().errors()).isZero();
      assertThat(replayed.notModified()).isEqualTo(polls.notModified());
    } finally {
      etagServer.stop(0);
      executor.shutdownNow();
    }
  }

  private HttpResponse<String> get(String url, String replay) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (replay != null) {
      b.header(Baseline.REPLAY_HEADER, replay);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void create(String base, int seq) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/videos"))
                .header("content-type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"sora-2\",\"prompt\":\"a boat [bench:" + seq + "]\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }
}
