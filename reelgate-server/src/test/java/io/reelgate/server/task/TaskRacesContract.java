package io.reelgate.server.task;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.Http.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Submissions racing cancellations and finishing tasks of the same key, over real HTTP, on each
 * supported database. Before one lock order existed, a submit (account row, then the key's counter)
 * and a cancel or finish (counter, then account row) deadlocked: 500s, and tasks whose cancel
 * failed were charged. Here {@code sora-2} runs on an upstream stub that accepts every job and
 * reports it completed at the first poll, so tasks finish while others are submitted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class TaskRacesContract {
  static final String ADMIN_TOKEN = "admin-token-for-races-0123456789";
  static final int PAIRS = 200;
  static final int THREADS = 16;
  static final long PRICE = 40;
  static final String SORA_2 =
      """
      {"input": {"mode": "text-to-video", "prompt": "a paper boat on a rainy street",
                 "duration": 4, "aspect_ratio": "landscape"}}""";
  static final Pattern TASK_ID = Pattern.compile("\"taskId\":\"(task_[0-9a-z]+)\"");
  static final WireMockServer UPSTREAM = upstream();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  static WireMockServer upstream() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    // why: one stub serves every database's variant of this contract, so it lives as long as the
    // test JVM rather than one test class
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    server.stubFor(
        post(urlPathEqualTo("/v1/videos"))
            .willReturn(
                okJson("{\"id\":\"video_race\",\"object\":\"video\",\"status\":\"queued\"}")));
    server.stubFor(
        get(urlPathEqualTo("/v1/videos/video_race"))
            .willReturn(
                okJson(
                    "{\"id\":\"video_race\",\"object\":\"video\",\"status\":\"completed\","
                        + "\"progress\":100}")));
    server.stubFor(
        get(urlPathEqualTo("/v1/videos/video_race/content"))
            .willReturn(aResponse().withStatus(200).withBody(new byte[] {0, 0, 0, 8, 'f', 't'})));
    return server;
  }

  /** The channel settings every database's variant adds. */
  static void channel(DynamicPropertyRegistry r) {
    r.add("reelgate.admin-token", () -> ADMIN_TOKEN);
    r.add("reelgate.channels[0].id", () -> "race-stub");
    r.add("reelgate.channels[0].protocol", () -> "openai-videos");
    r.add("reelgate.channels[0].base-url", () -> UPSTREAM.baseUrl() + "/v1");
    r.add("reelgate.channels[0].api-key", () -> "stub-key");
    r.add("reelgate.channels[0].route", () -> "official");
    r.add("reelgate.channels[0].max-concurrent", () -> "1000");
    r.add("reelgate.channels[0].options.poll-interval", () -> "20ms");
    r.add("reelgate.channels[0].models.sora-2", () -> "sora-2");
  }

  @Test
  void submitsRacingCancelsOfOneKeyNeverFailAndChargeOnlyWhatWasNotCancelled() throws Exception {
    Account account = newAccount(PAIRS * PRICE);
    Map<String, Integer> cancelStatus = new ConcurrentHashMap<>();
    AtomicInteger pairs = new AtomicInteger();
    List<Integer> statuses =
        runConcurrently(
            () -> {
              // why: a third of the pairs cancel at once (racing the dispatch), a third once the
              // upstream accepted the job (racing its answer and the finishing transaction), a
              // third once the task stores its video or is done (the cancel must be refused)
              int group = pairs.incrementAndGet() % 3;
              Response submit = submit(account);
              List<Integer> seen = new ArrayList<>(List.of(submit.status()));
              Matcher m = TASK_ID.matcher(submit.text());
              if (submit.status() == 200 && m.find()) {
                String taskId = m.group(1);
                if (group > 0) {
                  String condition =
                      group == 1
                          ? "upstream_job_id IS NOT NULL"
                          : "state IN ('STORING', 'SUCCEEDED')";
                  await()
                      .atMost(Duration.ofMinutes(1))
                      .pollInterval(Duration.ofMillis(2))
                      .until(() -> holds(taskId, condition));
                }
                Response cancel =
                    Http.send(
                        "POST",
                        base() + "/api/v1/cancelTask/sora-2?taskId=" + taskId,
                        null,
                        "Authorization",
                        "Bearer " + account.apiKey());
                cancelStatus.put(taskId, cancel.status());
                seen.add(cancel.status());
              }
              return seen;
            });
    assertThat(statuses).as("HTTP statuses of submits and cancels").allMatch(s -> s < 500);
    assertThat(cancelStatus).hasSize(PAIRS);
    assertThat(cancelStatus.values()).allMatch(s -> s == 200 || s == 409);
    awaitAllFinished(account);
    for (Map.Entry<String, Integer> e : cancelStatus.entrySet()) {
      String state = stateOf(e.getKey());
      if (e.getValue() == 200) {
        assertThat(state)
            .as("task %s whose cancel was accepted", e.getKey())
            .isEqualTo("CANCELLED");
        assertThat(settlements(e.getKey(), "CAPTURE")).isZero();
        assertThat(settlements(e.getKey(), "RELEASE")).isEqualTo(1);
      } else {
        assertThat(state)
            .as("task %s whose cancel came too late", e.getKey())
            .isEqualTo("SUCCEEDED");
        assertThat(settlements(e.getKey(), "CAPTURE")).isEqualTo(1);
        assertThat(settlements(e.getKey(), "RELEASE")).isZero();
      }
    }
    long succeeded = cancelStatus.values().stream().filter(s -> s == 409).count();
    System.out.printf(
        "submit+cancel races: %d cancelled, %d finished first%n", PAIRS - succeeded, succeeded);
    assertLedgerBalances(account, succeeded);
  }

  @Test
  void submitsRacingFinishingTasksOfOneKeyNeverFailAndChargeEachOnce() throws Exception {
    Account account = newAccount(PAIRS * PRICE);
    List<Integer> statuses = runConcurrently(() -> List.of(submit(account).status()));
    assertThat(statuses).as("HTTP statuses of the submits").hasSize(PAIRS).allMatch(s -> s == 200);
    awaitAllFinished(account);
    List<String> states =
        jdbc.sql("SELECT state FROM tasks WHERE account_id = ?")
            .param(account.accountId())
            .query(String.class)
            .list();
    assertThat(states).hasSize(PAIRS).allMatch("SUCCEEDED"::equals);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM tasks t WHERE t.account_id = ? AND (SELECT COUNT(*)"
                        + " FROM ledger l WHERE l.settles_task = t.id AND l.kind = 'CAPTURE') <> 1")
                .param(account.accountId())
                .query(Long.class)
                .single())
        .as("tasks not charged exactly once")
        .isZero();
    assertLedgerBalances(account, PAIRS);
  }

  private List<Integer> runConcurrently(java.util.concurrent.Callable<List<Integer>> pair)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<Integer>>> futures = new ArrayList<>();
      for (int i = 0; i < PAIRS; i++) {
        futures.add(pool.submit(pair));
      }
      List<Integer> all = new ArrayList<>();
      for (Future<List<Integer>> f : futures) {
        all.addAll(f.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private void awaitAllFinished(Account account) {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                jdbc.sql(
                            "SELECT COUNT(*) FROM tasks WHERE account_id = ?"
                                + " AND state NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')")
                        .param(account.accountId())
                        .query(Long.class)
                        .single()
                    == 0);
  }

  private void assertLedgerBalances(Account account, long charged) {
    JsonNode a = admin("GET", "/admin/v1/accounts/" + account.accountId(), null).json();
    long ledgerSum =
        jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE account_id = ?")
            .param(account.accountId())
            .query(Long.class)
            .single();
    assertThat(a.get("reserved").longValue()).as("reserved").isZero();
    assertThat(a.get("spent").longValue()).as("spent").isEqualTo(charged * PRICE);
    assertThat(a.get("balance").longValue())
        .as("balance")
        .isEqualTo(PAIRS * PRICE - charged * PRICE)
        .isEqualTo(ledgerSum);
    assertThat(
            jdbc.sql("SELECT unfinished FROM key_model_usage WHERE api_key_id = ?")
                .param(account.keyId())
                .query(Integer.class)
                .list())
        .as("the key's unfinished count")
        .allMatch(n -> n == 0);
  }

  private boolean isFinished(String taskId) {
    return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(stateOf(taskId));
  }

  private boolean holds(String taskId, String condition) {
    return jdbc.sql("SELECT COUNT(*) FROM tasks WHERE id = ? AND " + condition)
            .param(taskId)
            .query(Long.class)
            .single()
        > 0;
  }

  private String stateOf(String taskId) {
    return jdbc.sql("SELECT state FROM tasks WHERE id = ?")
        .param(taskId)
        .query(String.class)
        .single();
  }

  private long settlements(String taskId, String kind) {
    return jdbc.sql("SELECT COUNT(*) FROM ledger WHERE settles_task = ? AND kind = ?")
        .params(taskId, kind)
        .query(Long.class)
        .single();
  }

  record Account(String accountId, String keyId, String apiKey) {}

  private Account newAccount(long credits) {
    Response r =
        admin("POST", "/admin/v1/accounts", "{\"name\":\"races\",\"credits\":" + credits + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    JsonNode j = r.json();
    return new Account(
        j.get("accountId").stringValue(),
        j.get("keyId").stringValue(),
        j.get("apiKey").stringValue());
  }

  private Response submit(Account account) {
    return Http.send(
        "POST",
        base() + "/api/v1/generateTask/sora-2",
        SORA_2,
        "Authorization",
        "Bearer " + account.apiKey(),
        "Content-Type",
        "application/json");
  }

  private Response admin(String method, String path, String body) {
    return Http.send(
        method,
        base() + path,
        body,
        "Authorization",
        "Bearer " + ADMIN_TOKEN,
        "Content-Type",
        "application/json");
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
