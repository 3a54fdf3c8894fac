package io.reelgate.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reelgate.providers.support.StandardWebhooks;
import io.reelgate.server.cluster.ClusterNodes.Events;
import io.reelgate.server.cluster.ClusterNodes.Node;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.PostgresSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Two packaged server processes on one PostgreSQL schema (ADR 0013): live streams on either node
 * carry the changes the other made, a verified upstream webhook at the node that does not poll the
 * job finishes the task, a key's concurrency limit holds across both, and after {@code kill -9} of
 * one node in the middle of 60 tasks every task finishes exactly once through the survivor. The
 * nodes share one data directory for their results until results live in an object store. Skipped
 * without {@code REELGATE_TEST_POSTGRES_URL}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {
  // the recurring retention job stays scheduled; these are the jobs of tasks and webhooks
  private static final String TASK_AND_WEBHOOK_JOBS =
      "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name IN ('advance-task', 'deliver-webhook')";

  static final String WEBHOOK_SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("two-nodes-upstream-secret-012345".getBytes());

  StubUpstream upstream;
  ClusterNodes cluster;
  Node a;
  Node b;

  @BeforeAll
  void startNodes() throws Exception {
    if (!PostgresSchemas.configured()) {
      System.out.println("TwoNodesIT: " + PostgresSchemas.SKIPPED);
    }
    Assumptions.assumeTrue(PostgresSchemas.configured(), PostgresSchemas.SKIPPED);
    upstream = new StubUpstream(5_000);
    cluster = new ClusterNodes("two_nodes", upstream);
    a = cluster.node("node-a");
    b = cluster.node("node-b");
    a.start();
    b.start();
  }

  @AfterAll
  void stopNodes() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  @Order(1)
  void aStreamOnEitherNodeCarriesTheChangesTheOtherMade() throws Exception {
    List<String> ids = new ArrayList<>();
    try (Events onA = new Events(a.base());
        Events onB = new Events(b.base())) {
      for (int i = 0; i < 8; i++) {
        Node to = i % 2 == 0 ? a : b;
        Http.Response r =
            ClusterNodes.submit(to.base(), i % 4 == 0 ? "sora-2" : "veo-3-1", "stream " + i, null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        ids.add(r.json().get("data").get("taskId").stringValue());
      }
      await()
          .atMost(Duration.ofSeconds(300))
          .until(() -> ids.stream().allMatch(id -> ended(onA, id) && ended(onB, id)));

      List<Long> delays = new ArrayList<>();
      for (String eventId : onA.arrivals.keySet()) {
        Long other = onB.arrivals.get(eventId);
        if (other != null) {
          delays.add(Math.abs(onA.arrivals.get(eventId) - other) / 1_000);
        }
      }
      delays.sort(null);
      System.out.printf(
          "TwoNodesIT: SSE cross-node delay over %d events (µs): p50 %d, p90 %d, max %d%n",
          delays.size(),
          delays.get(delays.size() / 2),
          delays.get(delays.size() * 9 / 10),
          delays.getLast());
      for (String id : ids) {
        assertThat(versions(onB, id)).as("versions of %s on node-b", id).isNotEmpty();
        assertThat(versions(onA, id)).as("versions of %s on node-a", id).isNotEmpty();
      }
    }
  }

  @Test
  @Order(2)
  void aVerifiedUpstreamWebhookAtTheNodeThatDoesNotPollTheJobFinishesTheTask() throws Exception {
    Map<String, String> owners = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Http.Response r =
          ClusterNodes.submit((i % 2 == 0 ? a : b).base(), "veo-3-1", "HOLD pushed " + i, null);
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      ids.add(r.json().get("data").get("taskId").stringValue());
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              for (String id : ids) {
                cluster
                    .strings("SELECT node_id FROM upstream_job_owners WHERE task_id = ?", id)
                    .forEach(n -> owners.put(id, n));
              }
              return owners.size() == ids.size();
            });
    for (String id : ids) {
      Node other = owners.get(id).equals("node-a") ? b : a;
      String job = upstream.jobOf(id).id();
      Http.Response pushed = push(other, job);
      assertThat(pushed.status()).as(pushed.text()).isEqualTo(200);
      assertThat(pushed.json().get("result").stringValue()).isEqualTo("accepted");
    }
    // why: the upstream asked for polls a minute apart, so only the pushes can end these tasks
    for (String id : ids) {
      await().atMost(Duration.ofSeconds(45)).until(() -> state(a, "veo-3-1", id).equals("success"));
    }
    // the owner lets go of a job when it hears that another node finished its task
    await("the owners to let go of the finished jobs")
        .atMost(Duration.ofSeconds(30))
        .until(() -> cluster.count("SELECT COUNT(*) FROM upstream_job_owners") == 0);
  }

  @Test
  @Order(3)
  void aKeysConcurrencyLimitHoldsAcrossBothNodes() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Http.Response r =
          ClusterNodes.submit((i % 2 == 0 ? a : b).base(), "sora-2-pro", "HOLD limit " + i, null);
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      ids.add(r.json().get("data").get("taskId").stringValue());
    }
    for (Node n : List.of(a, b)) {
      Http.Response eleventh = ClusterNodes.submit(n.base(), "sora-2-pro", "HOLD eleventh", null);
      assertThat(eleventh.status()).as(n.name + ": " + eleventh.text()).isEqualTo(429);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> ids.stream().allMatch(id -> upstream.jobOf(id) != null));
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  !cluster
                      .strings(
                          "SELECT upstream_job_id FROM tasks WHERE id = ? AND"
                              + " upstream_job_id IS NOT NULL",
                          id)
                      .isEmpty());
      assertThat(push(i % 2 == 0 ? b : a, upstream.jobOf(id).id()).status()).isEqualTo(200);
    }
    for (String id : ids) {
      await()
          .atMost(Duration.ofSeconds(45))
          .until(() -> state(b, "sora-2-pro", id).equals("success"));
    }
    Http.Response again = ClusterNodes.submit(b.base(), "sora-2-pro", "after the limit", null);
    assertThat(again.status()).as(again.text()).isEqualTo(200);
    String last = again.json().get("data").get("taskId").stringValue();
    await()
        .atMost(Duration.ofSeconds(45))
        .until(() -> state(a, "sora-2-pro", last).equals("success"));
  }

  @Test
  @Order(4)
  void sixtyTasksFinishExactlyOnceThroughTheSurvivorOfAKill() throws Exception {
    Map<String, String> models = new LinkedHashMap<>();
    Map<String, String> callbackOf = new HashMap<>();
    int before = upstream.callbacks().size();
    List<String> heldByA = List.of();
    CompletableFuture<Long> takeover = null;
    for (int i = 0; i < 60; i++) {
      if (i == 30) {
        heldByA =
            cluster.strings(
                "SELECT o.task_id FROM upstream_job_owners o JOIN tasks t ON t.id = o.task_id"
                    + " WHERE o.node_id = 'node-a' AND t.state NOT IN ('SUCCEEDED', 'FAILED',"
                    + " 'CANCELLED')");
        a.kill();
        takeover = CompletableFuture.supplyAsync(this::millisUntilNodeATakenOver);
      }
      Node to = i < 30 && i % 2 == 0 ? a : b;
      // why: local renders take many seconds on a busy 2-core machine shared by both nodes
      String model = i % 6 == 1 ? "sora-2" : "veo-3-1";
      String callback = i % 3 == 0 ? upstream.baseUrl() + "/hooks/kill-" + i : null;
      Http.Response r = ClusterNodes.submit(to.base(), model, "kill " + i, callback);
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      String id = r.json().get("data").get("taskId").stringValue();
      models.put(id, model);
      if (callback != null) {
        callbackOf.put(id, "/hooks/kill-" + i);
      }
    }
    long takeoverMillis = takeover.get(90, TimeUnit.SECONDS);
    System.out.printf(
        "TwoNodesIT: node-a killed holding %d upstream job(s); all taken over after %d ms"
            + " (lease 4 s)%n",
        heldByA.size(), takeoverMillis);

    for (String id : models.keySet()) {
      await()
          .atMost(Duration.ofSeconds(300))
          .until(() -> Set.of("success", "failed").contains(state(b, models.get(id), id)));
    }
    for (Map.Entry<String, String> e : models.entrySet()) {
      JsonNode data = ClusterNodes.status(b.base(), e.getValue(), e.getKey());
      assertThat(data.get("state").stringValue()).as(data.toString()).isEqualTo("success");
      String url =
          Http.JSON
              .readTree(data.get("resultJson").stringValue())
              .get("resultUrls")
              .get(0)
              .stringValue()
              .replaceFirst("^http://localhost:\\d+", b.base());
      Http.Response video = Http.send("GET", url, null);
      assertThat(video.status()).as(url).isEqualTo(200);
      if (e.getValue().equals("veo-3-1")) {
        assertThat(video.body()).isEqualTo(StubUpstream.VIDEO);
      } else {
        assertThat(video.body().length).isGreaterThan(1000);
      }
    }
    Map<String, Integer> submits = upstream.submitsPerTask();
    for (Map.Entry<String, String> e : models.entrySet()) {
      if (e.getValue().equals("veo-3-1")) {
        assertThat(submits.get(e.getKey())).as("upstream submits of " + e.getKey()).isEqualTo(1);
      }
    }
    // every owed webhook, once: wait until the outbox is idle, then count
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                upstream.callbacks().size() - before >= callbackOf.size()
                    && cluster.count(TASK_AND_WEBHOOK_JOBS) == 0);
    Map<String, Integer> deliveries = new HashMap<>();
    upstream.callbacks().stream()
        .filter(c -> c.path().startsWith("/hooks/kill-"))
        .forEach(c -> deliveries.merge(c.path(), 1, Integer::sum));
    for (Map.Entry<String, String> e : callbackOf.entrySet()) {
      assertThat(deliveries.get(e.getValue())).as("webhooks to " + e.getValue()).isEqualTo(1);
    }
    cluster.assertLedgerExact();
    assertThat(new TreeSet<>(cluster.strings("SELECT node_id FROM cluster_nodes")))
        .containsExactly("node-b");
    a.start();
  }

  @Test
  @Order(5)
  void aRollingRestartUnderLoadFailsNothing() throws Exception {
    try (SteadyLoad load = new SteadyLoad(List.of(a, b))) {
      load.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> load.submitted() >= 6);
      for (Node n : List.of(a, b)) {
        load.drain(n);
        n.stop();
        n.start();
        load.restore(n);
        int mark = load.submitted();
        await().atMost(Duration.ofSeconds(60)).until(() -> load.submitted() >= mark + 6);
      }
      load.stopSubmitting();
      Map<String, String> tasks = load.tasks();
      for (String id : tasks.keySet()) {
        await()
            .atMost(Duration.ofSeconds(300))
            .until(() -> Set.of("success", "failed").contains(state(a, tasks.get(id), id)));
      }
      System.out.printf(
          "TwoNodesIT: rolling restart: %d requests, %d failed, %d tasks%n",
          load.requests(), load.failures().size(), tasks.size());
      assertThat(load.failures()).isEmpty();
      for (String id : tasks.keySet()) {
        assertThat(state(a, tasks.get(id), id)).as(id).isEqualTo("success");
        if (tasks.get(id).equals("veo-3-1")) {
          assertThat(upstream.submitsPerTask().get(id)).as("submits of " + id).isEqualTo(1);
        }
      }
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> cluster.count(TASK_AND_WEBHOOK_JOBS) == 0);
    cluster.assertLedgerExact();
  }

  /**
   * Milliseconds from now until no job is named on node-a any more and its lease row is gone: the
   * survivor took its jobs over.
   */
  private long millisUntilNodeATakenOver() {
    long from = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                cluster.count("SELECT COUNT(*) FROM upstream_job_owners WHERE node_id = 'node-a'")
                        == 0
                    && cluster.count("SELECT COUNT(*) FROM cluster_nodes WHERE node_id = 'node-a'")
                        == 0);
    return (System.nanoTime() - from) / 1_000_000;
  }

  private static boolean ended(Events events, String taskId) {
    return events.data.entrySet().stream()
        .anyMatch(e -> e.getKey().startsWith(taskId + ":") && e.getValue().contains("\"success\""));
  }

  private static List<Integer> versions(Events events, String taskId) {
    return events.arrivals.keySet().stream()
        .filter(id -> id.startsWith(taskId + ":"))
        .map(id -> Integer.parseInt(id.substring(taskId.length() + 1)))
        .sorted()
        .toList();
  }

  private static String state(Node n, String model, String taskId) {
    return ClusterNodes.status(n.base(), model, taskId).get("state").stringValue();
  }

  private static Http.Response push(Node to, String jobId) {
    String body =
        "{\"id\":\"evt_"
            + jobId
            + "\",\"object\":\"event\",\"type\":\"video.completed\",\"created_at\":1700000000,"
            + "\"data\":{\"id\":\""
            + jobId
            + "\"}}";
    String id = "msg_" + jobId + "_" + System.nanoTime();
    long ts = Instant.now().getEpochSecond();
    String signature =
        new StandardWebhooks(WEBHOOK_SECRET).sign(id, ts, body.getBytes(StandardCharsets.UTF_8));
    return Http.send(
        "POST",
        to.base() + "/upstream/v1/webhooks/stub",
        body,
        "Content-Type",
        "application/json",
        "webhook-id",
        id,
        "webhook-timestamp",
        String.valueOf(ts),
        "webhook-signature",
        signature);
  }
}
