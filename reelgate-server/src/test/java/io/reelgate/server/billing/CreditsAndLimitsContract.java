package io.reelgate.server.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.reelgate.core.FailureCode;
import io.reelgate.core.catalog.Limits;
import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import io.reelgate.core.task.IllegalTransitionException;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.Ids;
import io.reelgate.server.access.Caller;
import io.reelgate.server.limits.KeyLimits;
import io.reelgate.server.limits.LimitExceededException;
import io.reelgate.server.routing.Channel;
import io.reelgate.server.routing.ChannelRouter;
import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.Http.Response;
import io.reelgate.server.task.ConcurrentTaskUpdateException;
import io.reelgate.server.task.SubmitCommand;
import io.reelgate.server.task.TaskLifecycle;
import io.reelgate.server.task.TaskNotCancellableException;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskService;
import io.reelgate.server.task.internal.TaskRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Shared plumbing of the credit and limit tests, which run the whole server in-process over real
 * HTTP on each supported database: accounts made through the admin API, submissions, and a way to
 * hold the local render channel so that tasks stay unfinished as long as a test needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CreditsAndLimitsContract {
  static final String ADMIN_TOKEN = "admin-token-for-tests-0123456789";
  static final int LOCAL_RENDERS = 2;

  /** sora-2, 4 s landscape: 40 credits. */
  static final String SORA_2 =
      """
      {"input": {"mode": "text-to-video", "prompt": "a red kite over a green hill",
                 "duration": 4, "aspect_ratio": "landscape"}}""";

  static final long SORA_2_PRICE = 40;

  /** sora-2-pro, 4 s 1280×720: 120 credits. */
  static final String SORA_2_PRO =
      """
      {"input": {"mode": "text-to-video", "prompt": "a slow pan across a harbour at dawn",
                 "duration": 4, "size": "1280*720"}}""";

  static final long SORA_2_PRO_PRICE = 120;

  @LocalServerPort int port;
  @Autowired ChannelRouter router;
  @Autowired JdbcClient jdbc;

  String base() {
    return "http://localhost:" + port;
  }

  /** An account made through the admin API. */
  record Account(String accountId, String keyId, String apiKey) {}

  Account newAccount(long credits) {
    Response r =
        admin("POST", "/admin/v1/accounts", "{\"name\":\"test\",\"credits\":" + credits + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    JsonNode j = r.json();
    return new Account(
        j.get("accountId").stringValue(),
        j.get("keyId").stringValue(),
        j.get("apiKey").stringValue());
  }

  Response admin(String method, String path, String body) {
    return Http.send(
        method,
        base() + path,
        body,
        "Authorization",
        "Bearer " + ADMIN_TOKEN,
        "Content-Type",
        "application/json");
  }

  JsonNode account(Account a) {
    Response r = admin("GET", "/admin/v1/accounts/" + a.accountId(), null);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  Response generate(Account a, String model, String body, String... headers) {
    List<String> h = new ArrayList<>(List.of("Authorization", "Bearer " + a.apiKey()));
    h.addAll(List.of("Content-Type", "application/json"));
    h.addAll(List.of(headers));
    return Http.send(
        "POST", base() + "/api/v1/generateTask/" + model, body, h.toArray(String[]::new));
  }

  Response status(Account a, String model, String taskId) {
    return Http.send(
        "GET",
        base() + "/api/v1/statusTask/" + model + "?taskId=" + taskId,
        null,
        "Authorization",
        "Bearer " + a.apiKey());
  }

  Response cancel(Account a, String model, String taskId) {
    return Http.send(
        "POST",
        base() + "/api/v1/cancelTask/" + model + "?taskId=" + taskId,
        null,
        "Authorization",
        "Bearer " + a.apiKey());
  }

  static String taskId(Response r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("data").get("taskId").stringValue();
  }

  /** Polls the task until it is success or failed and returns its status data. */
  JsonNode awaitFinished(Account a, String model, String taskId) throws InterruptedException {
    return await("task " + taskId + " to finish")
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(150))
        .until(() -> status(a, model, taskId).json().get("data"), Apixo::ended);
  }

  /** The same call from {@code n} threads released together; answers in thread order. */
  static <T> List<T> simultaneously(int n, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get(120, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Takes every slot of the local render channel (waiting for renders in progress), so that
   * accepted tasks stay QUEUED until {@link Held#close()}.
   */
  Held holdChannel() throws InterruptedException {
    Channel local = router.byId("local").orElseThrow();
    int[] held = {0};
    try {
      await("every slot of the local channel")
          .atMost(Duration.ofSeconds(240))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                while (held[0] < LOCAL_RENDERS && local.tryAcquire()) {
                  held[0]++;
                }
                return held[0] == LOCAL_RENDERS;
              });
    } catch (ConditionTimeoutException busy) {
      for (int i = 0; i < held[0]; i++) {
        local.release();
      }
      throw new AssertionError("the local channel stayed busy", busy);
    }
    return new Held(local);
  }

  /** Slots of the local channel held by a test. */
  static final class Held implements AutoCloseable {
    private final Channel slots;
    private int held = LOCAL_RENDERS;

    Held(Channel slots) {
      this.slots = slots;
    }

    /** Lets one render run. */
    void releaseOne() {
      if (held > 0) {
        held--;
        slots.release();
      }
    }

    @Override
    public void close() {
      for (; held > 0; held--) {
        slots.release();
      }
    }
  }

  /** Cancels every unfinished task of the account (tests clean up what they leave queued). */
  void cancelUnfinished(Account a) {
    List<String[]> open =
        jdbc.sql(
                "SELECT id, model FROM tasks WHERE account_id = ?"
                    + " AND state IN ('QUEUED', 'RUNNING')")
            .param(a.accountId())
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
            .list();
    for (String[] t : open) {
      cancel(a, t[1], t[0]);
    }
  }

  // ---- money ----------------------------------------------------------------------------------

  @Test
  void creditsForThreeTasksAcceptExactlyThreeOfSixConcurrentSubmissions() throws Exception {
    Account a = newAccount(3 * SORA_2_PRICE);
    List<Response> answers = simultaneously(6, () -> generate(a, "sora-2", SORA_2));
    List<String> accepted =
        answers.stream()
            .filter(r -> r.status() == 200)
            .map(CreditsAndLimitsContract::taskId)
            .toList();
    assertThat(accepted).hasSize(3);
    assertThat(answers.stream().filter(r -> r.status() != 200))
        .hasSize(3)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.json().get("message").stringValue()).isEqualTo("Insufficient credits");
            });
    for (String taskId : accepted) {
      assertThat(awaitFinished(a, "sora-2", taskId).get("state").stringValue())
          .isEqualTo("success");
    }
    JsonNode totals = account(a);
    assertThat(totals.get("balance").longValue()).isZero();
    assertThat(totals.get("reserved").longValue()).isZero();
    assertThat(totals.get("spent").longValue()).isEqualTo(3 * SORA_2_PRICE);
    assertThat(ledgerSum(a.accountId())).isZero();
  }

  @Test
  void aFailedTaskCostsNothing() throws Exception {
    Account a = newAccount(100);
    String body =
        """
        {"input": {"mode": "image-to-video", "prompt": "this image is not an image",
                   "duration": 4, "image_urls": ["data:image/png;base64,AAAAAAAA"]}}""";
    String taskId = taskId(generate(a, "sora-2", body));
    JsonNode data = awaitFinished(a, "sora-2", taskId);
    assertThat(data.get("state").stringValue()).isEqualTo("failed");
    assertThat(data.get("failCode").stringValue()).isEqualTo("INVALID_IMAGE_URL");
    JsonNode totals = account(a);
    assertThat(totals.get("balance").longValue()).isEqualTo(100);
    assertThat(totals.get("reserved").longValue()).isZero();
    assertThat(totals.get("spent").longValue()).isZero();
    JsonNode entries = admin("GET", "/admin/v1/accounts/" + a.accountId() + "/ledger", null).json();
    assertThat(entries.get("entries").valueStream().map(e -> e.get("kind").stringValue()))
        .containsExactly("RELEASE", "RESERVE", "GRANT");
  }

  @Test
  void anUnfinishedTaskCanBeCancelledOnceAndGetsItsCreditsBack() throws Exception {
    Account a = newAccount(1000);
    try (Held held = holdChannel()) {
      String taskId = taskId(generate(a, "sora-2", SORA_2));
      assertThat(account(a).get("balance").longValue()).isEqualTo(1000 - SORA_2_PRICE);
      Response cancelled = cancel(a, "sora-2", taskId);
      assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
      JsonNode data = cancelled.json().get("data");
      assertThat(data.get("state").stringValue()).isEqualTo("failed");
      assertThat(data.get("failCode").stringValue()).isEqualTo("CANCELLED");
      assertThat(account(a).get("balance").longValue()).isEqualTo(1000);
      assertThat(account(a).get("reserved").longValue()).isZero();

      Response again = cancel(a, "sora-2", taskId);
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.json().get("message").stringValue()).contains("already cancelled");
      assertThat(cancel(a, "sora-2", "task_does_not_exist").status()).isEqualTo(404);
      assertThat(cancel(a, "sora-2", "").status()).isEqualTo(400);
      // the task's durable job ends at its next run
      awaitNoJob(taskId);
    }
  }

  @Test
  void aCancelledTaskWithACallbackGetsItsFinalWebhook() throws Exception {
    Account a = newAccount(1000);
    List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer receiver =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    try (Held held = holdChannel()) {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      String body =
          SORA_2.replace(
              "{\"input\"",
              "{\"request_type\": \"callback\", \"callback_url\": \"" + url + "\", \"input\"");
      String taskId = taskId(generate(a, "sora-2", body));
      assertThat(cancel(a, "sora-2", taskId).status()).isEqualTo(200);
      // the delivery's DELIVERED row is written after the receiver answered; after it no attempt
      // is scheduled, so the bodies received are final
      await("the cancel webhook to be delivered")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  jdbc.sql(
                              "SELECT COUNT(*) FROM webhook_deliveries WHERE task_id = ?"
                                  + " AND state = 'DELIVERED'")
                          .param(taskId)
                          .query(Long.class)
                          .single()
                      == 1);
      assertThat(bodies).hasSize(1);
      JsonNode data = Http.JSON.readTree(bodies.getFirst()).get("data");
      assertThat(data.get("taskId").stringValue()).isEqualTo(taskId);
      assertThat(data.get("state").stringValue()).isEqualTo("failed");
      assertThat(data.get("failCode").stringValue()).isEqualTo("CANCELLED");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void aFinishedTaskCannotBeCancelled() throws Exception {
    Account a = newAccount(1000);
    String taskId = taskId(generate(a, "sora-2", SORA_2));
    awaitFinished(a, "sora-2", taskId);
    Response r = cancel(a, "sora-2", taskId);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("message").stringValue()).contains("already succeeded");
    assertThat(account(a).get("spent").longValue()).isEqualTo(SORA_2_PRICE);
  }

  @Test
  void anotherAccountsTaskIsNotFoundForStatusCancelAndEvents() throws Exception {
    Account owner = newAccount(1000);
    Account other = newAccount(1000);
    try (Held held = holdChannel()) {
      String taskId = taskId(generate(owner, "sora-2", SORA_2));
      assertThat(status(other, "sora-2", taskId).status()).isEqualTo(404);
      assertThat(cancel(other, "sora-2", taskId).status()).isEqualTo(404);
      Response events =
          Http.send(
              "GET",
              base() + "/api/v1/tasks/" + taskId + "/events",
              null,
              "Authorization",
              "Bearer " + other.apiKey());
      assertThat(events.status()).isEqualTo(404);
      Response pixazo =
          Http.send(
              "GET",
              base() + "/v2/requests/status/" + taskId,
              null,
              "Ocp-Apim-Subscription-Key",
              other.apiKey());
      assertThat(pixazo.status()).isEqualTo(404);
      assertThat(status(owner, "sora-2", taskId).status()).isEqualTo(200);
      assertThat(account(owner).get("reserved").longValue()).isEqualTo(SORA_2_PRICE);
      cancelUnfinished(owner);
    }
  }

  @Test
  void estimateAnswersThePriceAndCreatesNothing() {
    Account a = newAccount(10);
    Response r =
        Http.send(
            "POST",
            base() + "/api/v1/estimate/sora-2-pro",
            SORA_2_PRO,
            "Authorization",
            "Bearer " + a.apiKey(),
            "Content-Type",
            "application/json");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode data = r.json().get("data");
    assertThat(data.get("credits").longValue()).isEqualTo(SORA_2_PRO_PRICE);
    assertThat(data.get("request").get("durationSeconds").intValue()).isEqualTo(4);
    assertThat(data.get("request").get("width").intValue()).isEqualTo(1280);
    Response invalid =
        Http.send(
            "POST",
            base() + "/api/v1/estimate/sora-2-pro",
            SORA_2_PRO.replace("\"duration\": 4", "\"duration\": 5"),
            "Authorization",
            "Bearer " + a.apiKey());
    Response invalidSubmit =
        generate(a, "sora-2-pro", SORA_2_PRO.replace("\"duration\": 4", "\"duration\": 5"));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.text()).isEqualTo(invalidSubmit.text());
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM tasks WHERE account_id = ?")
                .param(a.accountId())
                .query(Long.class)
                .single())
        .isZero();
    assertThat(account(a).get("balance").longValue()).isEqualTo(10);
  }

  // ---- limits ---------------------------------------------------------------------------------

  @Test
  void soraTwoProAcceptsTenUnfinishedTasksThenAnswers429UntilOneFinishes() throws Exception {
    Account a = newAccount(100 * SORA_2_PRO_PRICE);
    Held held = holdChannel();
    try {
      List<Response> answers = simultaneously(11, () -> generate(a, "sora-2-pro", SORA_2_PRO));
      assertThat(answers.stream().filter(r -> r.status() == 200)).hasSize(10);
      Response refused = answers.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.headers().get("retry-after")).isNotEmpty();
      assertThat(Long.parseLong(refused.headers().get("retry-after").getFirst())).isPositive();
      assertThat(refused.json().get("code").intValue()).isEqualTo(429);
      assertThat(refused.json().get("message").stringValue())
          .startsWith("Rate limit exceeded")
          .contains("10 unfinished sora-2-pro");
      assertThat(account(a).get("reserved").longValue()).isEqualTo(10 * SORA_2_PRO_PRICE);

      Response pixazo =
          Http.send(
              "POST",
              base() + "/sora-video/v1/video/generate",
              "{\"prompt\":\"one too many\",\"seconds\":4}",
              "Ocp-Apim-Subscription-Key",
              a.apiKey(),
              "Content-Type",
              "application/json");
      assertThat(pixazo.status()).isEqualTo(429);
      assertThat(pixazo.json().get("error").stringValue()).isEqualTo("Too Many Requests");
      assertThat(pixazo.headers().get("retry-after")).isNotEmpty();

      // status reads are not counted
      String first = taskId(answers.stream().filter(r -> r.status() == 200).findFirst().get());
      for (int i = 0; i < 5; i++) {
        assertThat(status(a, "sora-2-pro", first).status()).isEqualTo(200);
      }

      held.releaseOne();
      awaitOneSucceeded(a);
      Response next = generate(a, "sora-2-pro", SORA_2_PRO);
      assertThat(next.status()).as(next.text()).isEqualTo(200);
    } finally {
      cancelUnfinished(a);
      held.close();
    }
  }

  @Test
  void aPerKeyLimitOfFivePerMinuteRefusesTheSixthSubmission() throws Exception {
    Account a = newAccount(1_000_000);
    Response set =
        admin(
            "PUT",
            "/admin/v1/keys/" + a.keyId() + "/limits",
            "{\"model\":\"sora-2\",\"requestsPerMinute\":5,\"concurrentTasks\":100}");
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    try (Held held = holdChannel()) {
      for (int i = 0; i < 5; i++) {
        Response ok = generate(a, "sora-2", SORA_2);
        assertThat(ok.status()).as("submission %d: %s", i + 1, ok.text()).isEqualTo(200);
      }
      Response sixth = generate(a, "sora-2", SORA_2);
      assertThat(sixth.status()).isEqualTo(429);
      assertThat(sixth.json().get("message").stringValue()).contains("5 sora-2 tasks per minute");
      long retryAfter = Long.parseLong(sixth.headers().get("retry-after").getFirst());
      assertThat(retryAfter).isBetween(1L, 60L);
      // another model of the same key keeps its own default limit
      assertThat(generate(a, "sora-2-pro", SORA_2_PRO).status()).isEqualTo(200);
      // another key of the same account has its own bucket
      Response key = admin("POST", "/admin/v1/accounts/" + a.accountId() + "/keys", null);
      Account second =
          new Account(
              a.accountId(),
              key.json().get("keyId").stringValue(),
              key.json().get("apiKey").stringValue());
      assertThat(generate(second, "sora-2", SORA_2).status()).isEqualTo(200);
      cancelUnfinished(a);
    }
  }

  // ---- idempotency ----------------------------------------------------------------------------

  @Test
  void theSameIdempotencyKeyReplaysTheFirstAnswerAndCreatesNothing() throws Exception {
    Account a = newAccount(1000);
    try (Held held = holdChannel()) {
      Response first = generate(a, "sora-2", SORA_2, "Idempotency-Key", "order-1");
      Response second = generate(a, "sora-2", SORA_2, "Idempotency-Key", "order-1");
      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.text()).isEqualTo(first.text());
      assertThat(account(a).get("reserved").longValue()).isEqualTo(SORA_2_PRICE);

      Response conflict =
          generate(
              a, "sora-2", SORA_2.replace("red kite", "blue kite"), "Idempotency-Key", "order-1");
      assertThat(conflict.status()).isEqualTo(409);
      assertThat(conflict.json().get("code").intValue()).isEqualTo(409);
      assertThat(conflict.json().get("message").stringValue()).contains("Idempotency-Key");
      Response pixazoConflict =
          Http.send(
              "POST",
              base() + "/sora-video/v1/video/generate",
              "{\"prompt\":\"another request\"}",
              "Ocp-Apim-Subscription-Key",
              a.apiKey(),
              "Idempotency-Key",
              "order-1",
              "Content-Type",
              "application/json");
      assertThat(pixazoConflict.status()).isEqualTo(409);
      assertThat(pixazoConflict.json().get("error").stringValue()).isEqualTo("Conflict");

      List<Response> duplicates =
          simultaneously(8, () -> generate(a, "sora-2", SORA_2, "Idempotency-Key", "order-2"));
      assertThat(duplicates).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
      assertThat(duplicates.stream().map(Response::text).distinct()).hasSize(1);
      assertThat(account(a).get("reserved").longValue()).isEqualTo(2 * SORA_2_PRICE);
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM tasks WHERE account_id = ?")
                  .param(a.accountId())
                  .query(Long.class)
                  .single())
          .isEqualTo(2);

      Response pixazoFirst = pixazoWithKey(a, "order-3");
      Response pixazoAgain = pixazoWithKey(a, "order-3");
      assertThat(pixazoFirst.status()).isEqualTo(202);
      assertThat(pixazoAgain.status()).isEqualTo(202);
      assertThat(pixazoAgain.text()).isEqualTo(pixazoFirst.text());

      assertThat(generate(a, "sora-2", SORA_2, "Idempotency-Key", "").status()).isEqualTo(400);
      assertThat(generate(a, "sora-2", SORA_2, "Idempotency-Key", "x".repeat(256)).status())
          .isEqualTo(400);
      cancelUnfinished(a);
    }
  }

  private Response pixazoWithKey(Account a, String key) {
    return Http.send(
        "POST",
        base() + "/sora-video/v1/video/generate",
        "{\"prompt\":\"a lighthouse in fog\",\"seconds\":4}",
        "Ocp-Apim-Subscription-Key",
        a.apiKey(),
        "Idempotency-Key",
        key,
        "Content-Type",
        "application/json");
  }

  void awaitOneSucceeded(Account a) throws InterruptedException {
    await("a task of the account to succeed")
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(150))
        .until(
            () ->
                jdbc.sql("SELECT COUNT(*) FROM tasks WHERE account_id = ? AND state = 'SUCCEEDED'")
                        .param(a.accountId())
                        .query(Long.class)
                        .single()
                    > 0);
  }

  void awaitNoJob(String taskId) throws InterruptedException {
    await("the job of " + taskId + " to be gone")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?")
                        .param(taskId)
                        .query(Long.class)
                        .single()
                    == 0);
  }

  // ---- invariants under random interleavings ---------------------------------------------------

  @Autowired TaskService taskService;
  @Autowired TaskLifecycle lifecycle;
  @Autowired TaskRepository taskRows;
  @Autowired Wallet wallet;
  @Autowired KeyLimits keyLimits;
  @Autowired TransactionTemplate tx;

  /** Requests of the interleaving test and their prices. */
  static final List<GenerationRequest> REQUESTS =
      List.of(
          request("sora-2", 4, 1280, 720, null),
          request("sora-2", 12, 720, 1280, null),
          request("sora-2-pro", 8, 1792, 1024, null),
          request("veo-3-1", 8, 1280, 720, "fast"));

  static GenerationRequest request(String model, int seconds, int width, int height, String q) {
    return new GenerationRequest(
        model,
        GenerationKind.TEXT_TO_VIDEO,
        "interleaving",
        seconds,
        OutputSize.of(width, height),
        List.of(),
        q == null ? (model.equals("veo-3-1") ? "quality" : "standard") : q,
        model.equals("veo-3-1") ? Routing.AUTO : Routing.OFFICIAL,
        null,
        Map.of());
  }

  /**
   * Random sequences of submit, start, succeed, fail, cancel, top-up, deduction and late
   * settlements on one account, checking every invariant of the money after each step: the balance
   * is the sum of the ledger and never negative, reserved is the sum of the prices of the
   * unfinished tasks, spent is the sum of the captures and of the prices of the succeeded tasks,
   * every finished task has exactly one settlement and every unfinished one none, and each refusal
   * (credits, concurrency) happens exactly when the model predicts it.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 42, 2026, 90210})
  void randomInterleavingsKeepEveryInvariant(long seed) throws Exception {
    Random random = new Random(seed);
    Account a = newAccount(random.nextInt(600));
    Caller caller = new Caller(a.accountId(), a.keyId());
    int concurrent = 2 + random.nextInt(3);
    for (GenerationRequest r : REQUESTS) {
      keyLimits.override(a.keyId(), r.model(), new Limits(100_000, concurrent));
    }
    long balance = account(a).get("balance").longValue();
    List<String> open = new ArrayList<>();
    List<String> closed = new ArrayList<>();
    Map<String, Integer> outcomes = new java.util.TreeMap<>();
    try (Held held = holdChannel()) {
      for (int step = 0; step < 60; step++) {
        int op = random.nextInt(100);
        if (op < 35) {
          GenerationRequest r = REQUESTS.get(random.nextInt(REQUESTS.size()));
          long price = taskService.estimate(r);
          long unfinished =
              open.stream()
                  .filter(id -> taskRows.find(id).orElseThrow().model().equals(r.model()))
                  .count();
          try {
            TaskRecord t =
                taskService.submit(
                    new SubmitCommand(
                        caller,
                        "apixo",
                        Ids.timeOrdered("task_", System.currentTimeMillis()),
                        r,
                        null));
            assertThat(unfinished)
                .as("step %d: over the concurrency limit", step)
                .isLessThan(concurrent);
            assertThat(balance)
                .as("step %d: accepted without credits", step)
                .isGreaterThanOrEqualTo(price);
            balance -= price;
            open.add(t.id());
            outcomes.merge("accepted", 1, Integer::sum);
          } catch (LimitExceededException e) {
            assertThat(unfinished)
                .as("step %d: refused under the limit", step)
                .isEqualTo(concurrent);
            outcomes.merge("refused by the limit", 1, Integer::sum);
          } catch (InsufficientCreditsException e) {
            outcomes.merge("refused for credits", 1, Integer::sum);
            assertThat(unfinished).isLessThan(concurrent);
            assertThat(balance).as("step %d: refused with credits", step).isLessThan(price);
          }
        } else if (op < 45 && !open.isEmpty()) {
          String id = open.get(random.nextInt(open.size()));
          TaskRecord t = taskRows.find(id).orElseThrow();
          if (t.state() == TaskState.QUEUED) {
            lifecycle.start(t, "local", 1280, 720);
          }
        } else if (op < 60 && !open.isEmpty()) {
          String id = open.remove(random.nextInt(open.size()));
          TaskRecord t = taskRows.find(id).orElseThrow();
          if (t.state() == TaskState.QUEUED) {
            t = lifecycle.start(t, "local", 1280, 720);
          }
          lifecycle.succeed(lifecycle.storing(t), id + "/video.mp4", null);
          closed.add(id);
          outcomes.merge("succeeded", 1, Integer::sum);
        } else if (op < 70 && !open.isEmpty()) {
          String id = open.remove(random.nextInt(open.size()));
          TaskRecord t = taskRows.find(id).orElseThrow();
          lifecycle.fail(t, FailureCode.UPSTREAM_ERROR, "interleaving");
          balance += t.price();
          closed.add(id);
          outcomes.merge("failed", 1, Integer::sum);
        } else if (op < 80 && !(open.isEmpty() && closed.isEmpty())) {
          boolean unfinished = closed.isEmpty() || (!open.isEmpty() && random.nextBoolean());
          List<String> from = unfinished ? open : closed;
          String id = from.get(random.nextInt(from.size()));
          if (unfinished) {
            TaskRecord t = taskService.cancel(a.accountId(), id);
            assertThat(t.state()).isEqualTo(TaskState.CANCELLED);
            open.remove(id);
            closed.add(id);
            balance += t.price();
            outcomes.merge("cancelled", 1, Integer::sum);
          } else {
            assertThatThrownBy(() -> taskService.cancel(a.accountId(), id))
                .isInstanceOf(TaskNotCancellableException.class);
            outcomes.merge("cancel refused", 1, Integer::sum);
          }
        } else if (op < 90) {
          long amount = random.nextInt(500) - 200;
          if (amount == 0) {
            continue;
          }
          if (amount < 0 && balance < -amount) {
            assertThatThrownBy(() -> wallet.adjust(a.accountId(), amount, "interleaving"))
                .isInstanceOf(InsufficientCreditsException.class);
            outcomes.merge("deduction refused", 1, Integer::sum);
          } else {
            wallet.adjust(a.accountId(), amount, "interleaving");
            balance += amount;
            outcomes.merge(amount > 0 ? "top-up" : "deduction", 1, Integer::sum);
          }
        } else if (op < 95 && !open.isEmpty()) {
          // the client cancels while the pipeline finishes the task: exactly one of them wins
          String id = open.remove(random.nextInt(open.size()));
          TaskRecord before = taskRows.find(id).orElseThrow();
          TaskRecord running =
              before.state() == TaskState.QUEUED
                  ? lifecycle.start(before, "local", 1280, 720)
                  : before;
          boolean succeed = random.nextBoolean();
          java.util.concurrent.atomic.AtomicInteger turn =
              new java.util.concurrent.atomic.AtomicInteger();
          simultaneously(
              2,
              () -> {
                try {
                  if (turn.getAndIncrement() == 0) {
                    taskService.cancel(a.accountId(), id);
                  } else if (succeed) {
                    lifecycle.succeed(lifecycle.storing(running), id + "/video.mp4", null);
                  } else {
                    lifecycle.fail(running, FailureCode.UPSTREAM_ERROR, "race");
                  }
                  return "done";
                } catch (RuntimeException e) {
                  return e.getClass().getSimpleName();
                }
              });
          TaskRecord end = taskRows.find(id).orElseThrow();
          if (end.state() == TaskState.STORING) {
            // the cancellation came too late and the pipeline lost its own next write
            end = lifecycle.succeed(end, id + "/video.mp4", null);
          }
          assertThat(end.state().isTerminal()).as("step %d: %s", step, end).isTrue();
          if (end.state() != TaskState.SUCCEEDED) {
            balance += end.price();
          }
          closed.add(id);
          outcomes.merge("race won by " + end.state(), 1, Integer::sum);
        } else if (!closed.isEmpty()) {
          // a late second settlement (a retried step, a duplicate delivery) changes nothing
          String id = closed.get(random.nextInt(closed.size()));
          boolean capture = random.nextBoolean();
          Boolean settled = tx.execute(s -> capture ? wallet.capture(id) : wallet.release(id));
          assertThat(settled).isFalse();
          outcomes.merge("late settlement ignored", 1, Integer::sum);
        }
        checkInvariants(a, balance, step);
      }
      for (String id : open) {
        balance += taskService.cancel(a.accountId(), id).price();
      }
      checkInvariants(a, balance, 60);
      System.out.println("interleaving seed " + seed + ": " + outcomes);
    } finally {
      cancelUnfinished(a);
    }
  }

  private void checkInvariants(Account a, long expectedBalance, int step) {
    String id = a.accountId();
    Wallet.Balance b = wallet.balanceOf(id);
    String at = "after step " + step;
    assertThat(b.balance()).as(at).isEqualTo(expectedBalance).isGreaterThanOrEqualTo(0);
    assertThat(ledgerSum(id)).as(at + ": balance = sum of the ledger").isEqualTo(b.balance());
    long unfinishedPrices =
        jdbc.sql(
                "SELECT COALESCE(SUM(price), 0) FROM tasks WHERE account_id = ?"
                    + " AND state IN ('QUEUED', 'RUNNING', 'STORING')")
            .param(id)
            .query(Long.class)
            .single();
    assertThat(b.reserved()).as(at + ": reserved = unfinished prices").isEqualTo(unfinishedPrices);
    long reservedDeltas =
        jdbc.sql("SELECT COALESCE(SUM(reserved_delta), 0) FROM ledger WHERE account_id = ?")
            .param(id)
            .query(Long.class)
            .single();
    assertThat(reservedDeltas).as(at).isEqualTo(b.reserved());
    long captured =
        jdbc.sql(
                "SELECT COALESCE(-SUM(reserved_delta), 0) FROM ledger"
                    + " WHERE account_id = ? AND kind = 'CAPTURE'")
            .param(id)
            .query(Long.class)
            .single();
    long succeededPrices =
        jdbc.sql(
                "SELECT COALESCE(SUM(price), 0) FROM tasks WHERE account_id = ?"
                    + " AND state = 'SUCCEEDED'")
            .param(id)
            .query(Long.class)
            .single();
    assertThat(b.spent())
        .as(at + ": spent = captures")
        .isEqualTo(captured)
        .isEqualTo(succeededPrices);
    List<String> badSettlements =
        jdbc.sql(
                "SELECT t.id FROM tasks t WHERE t.account_id = ? AND"
                    + " (SELECT COUNT(*) FROM ledger l WHERE l.settles_task = t.id)"
                    + " <> CASE WHEN t.state IN ('SUCCEEDED', 'FAILED', 'CANCELLED') THEN 1 ELSE 0"
                    + " END")
            .param(id)
            .query(String.class)
            .list();
    assertThat(badSettlements).as(at + ": tasks without exactly their one settlement").isEmpty();
    List<String> chargedFailures =
        jdbc.sql(
                "SELECT t.id FROM tasks t JOIN ledger l ON l.settles_task = t.id"
                    + " WHERE t.account_id = ? AND l.kind = 'CAPTURE' AND t.state <> 'SUCCEEDED'")
            .param(id)
            .query(String.class)
            .list();
    assertThat(chargedFailures).as(at + ": charged without a video").isEmpty();
    List<String> countsOff =
        jdbc.sql(
                "SELECT k.id || '/' || m.model FROM api_keys k CROSS JOIN"
                    + " (SELECT DISTINCT model FROM tasks WHERE account_id = ?) m"
                    + " WHERE k.account_id = ? AND"
                    + " COALESCE((SELECT u.unfinished FROM key_model_usage u"
                    + " WHERE u.api_key_id = k.id AND u.model = m.model), 0)"
                    + " <> (SELECT COUNT(*) FROM tasks t WHERE t.api_key_id = k.id"
                    + " AND t.model = m.model AND t.state IN ('QUEUED', 'RUNNING', 'STORING'))")
            .params(id, id)
            .query(String.class)
            .list();
    assertThat(countsOff).as(at + ": unfinished counts of the limit = unfinished tasks").isEmpty();
  }

  @Test
  void cancellingDuringARenderNeitherChargesNorRevivesTheTask() throws Exception {
    Account a = newAccount(1000);
    String taskId;
    try (Held held = holdChannel()) {
      taskId = taskId(generate(a, "sora-2", SORA_2));
      held.releaseOne();
      awaitState(taskId, TaskState.RUNNING);
      Response cancelled = cancel(a, "sora-2", taskId);
      assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
      // the render goes on; when it ends, its write loses against the cancellation
      awaitNoJob(taskId);
    }
    TaskRecord task = taskRows.find(taskId).orElseThrow();
    assertThat(task.state()).isEqualTo(TaskState.CANCELLED);
    assertThat(task.resultKey()).isNull();
    JsonNode totals = account(a);
    assertThat(totals.get("balance").longValue()).isEqualTo(1000);
    assertThat(totals.get("reserved").longValue()).isZero();
    assertThat(totals.get("spent").longValue()).isZero();
  }

  @Test
  void aLateStepOfACancelledTaskIsRefused() throws Exception {
    Account a = newAccount(1000);
    Caller caller = new Caller(a.accountId(), a.keyId());
    try (Held held = holdChannel()) {
      TaskRecord queued =
          taskService.submit(
              new SubmitCommand(
                  caller,
                  "apixo",
                  Ids.timeOrdered("task_", System.currentTimeMillis()),
                  REQUESTS.getFirst(),
                  null));
      TaskRecord running = lifecycle.start(queued, "local", 1280, 720);
      taskService.cancel(a.accountId(), running.id());
      assertThatThrownBy(() -> lifecycle.storing(running))
          .isInstanceOf(ConcurrentTaskUpdateException.class);
      assertThatThrownBy(() -> lifecycle.fail(running, FailureCode.UPSTREAM_ERROR, "late"))
          .isInstanceOf(ConcurrentTaskUpdateException.class);
      TaskRecord cancelled = taskRows.find(running.id()).orElseThrow();
      assertThatThrownBy(() -> lifecycle.storing(cancelled))
          .isInstanceOf(IllegalTransitionException.class);
      Boolean captured = tx.execute(s -> wallet.capture(running.id()));
      assertThat(captured).isFalse();
      assertThat(wallet.balanceOf(a.accountId())).isEqualTo(new Wallet.Balance(1000, 0, 0));
      awaitNoJob(running.id());
    }
  }

  // ---- admin API ------------------------------------------------------------------------------

  @Test
  void theAdminApiChecksItsTokenOnEveryPath() {
    for (String path :
        List.of("/admin/v1/accounts/acct_x", "/admin/v1/channels", "/admin", "//admin/v1/keys/k")) {
      Response none = Http.send("GET", base() + path, null);
      assertThat(none.status()).as(path).isEqualTo(401);
      assertThat(none.json().get("error").stringValue()).isEqualTo("unauthorized");
      Response wrong =
          Http.send("GET", base() + path, null, "Authorization", "Bearer " + ADMIN_TOKEN + "x");
      assertThat(wrong.status()).as(path).isEqualTo(401);
    }
    assertThat(admin("GET", "/admin/v1/accounts/acct_unknown", null).status()).isEqualTo(404);
  }

  @Test
  void theAdminApiManagesAccountsCreditsKeysAndLimits() {
    assertThat(
            admin("POST", "/admin/v1/accounts", "{\"credits\":5}")
                .json()
                .get("message")
                .stringValue())
        .isEqualTo("name is required");
    assertThat(
            admin("POST", "/admin/v1/accounts", "{\"name\":\"x\",\"credits\":-5}")
                .json()
                .get("message")
                .stringValue())
        .startsWith("credits must be an integer from 0");
    assertThat(admin("POST", "/admin/v1/accounts", "not json").status()).isEqualTo(400);

    Account a = newAccount(100);
    String path = "/admin/v1/accounts/" + a.accountId();
    Response topUp = admin("POST", path + "/credits", "{\"amount\":50,\"note\":\"invoice 7\"}");
    assertThat(topUp.status()).as(topUp.text()).isEqualTo(200);
    assertThat(topUp.json().get("balance").longValue()).isEqualTo(150);
    Response tooMuch = admin("POST", path + "/credits", "{\"amount\":-151}");
    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(tooMuch.json().get("error").stringValue()).isEqualTo("insufficient_balance");
    assertThat(
            admin("POST", path + "/credits", "{\"amount\":-150}").json().get("balance").longValue())
        .isZero();
    assertThat(
            admin("POST", path + "/credits", "{\"amount\":0}").json().get("message").stringValue())
        .startsWith("amount is required");
    assertThat(
            admin("POST", path + "/credits", "{\"amount\":\"ten\"}")
                .json()
                .get("message")
                .stringValue())
        .startsWith("amount must be an integer");

    JsonNode ledger = admin("GET", path + "/ledger", null).json().get("entries");
    assertThat(ledger.valueStream().map(e -> e.get("kind").stringValue()))
        .containsExactly("DEDUCT", "GRANT", "GRANT");
    assertThat(ledger.get(1).get("note").stringValue()).isEqualTo("invoice 7");
    assertThat(ledger.get(0).get("amount").longValue()).isEqualTo(-150);
    assertThat(admin("GET", path + "/ledger?limit=0", null).status()).isEqualTo(400);
    JsonNode page = admin("GET", path + "/ledger?limit=2", null).json();
    assertThat(page.get("entries")).hasSize(2);
    assertThat(admin("GET", page.get("next").stringValue(), null).json().get("entries")).hasSize(1);

    Response key = admin("POST", path + "/keys", null);
    assertThat(key.status()).isEqualTo(201);
    String keyId = key.json().get("keyId").stringValue();
    String apiKey = key.json().get("apiKey").stringValue();
    JsonNode keys = admin("GET", path + "/keys", null).json().get("keys");
    assertThat(keys).hasSize(2);
    assertThat(keys.get(1).get("prefix").stringValue()).isEqualTo(apiKey.substring(0, 8));
    assertThat(keys.toString()).doesNotContain(apiKey);

    Account second = new Account(a.accountId(), keyId, apiKey);
    assertThat(status(second, "sora-2", "task_x").status()).isEqualTo(404);
    assertThat(admin("DELETE", "/admin/v1/keys/" + keyId, null).status()).isEqualTo(204);
    assertThat(status(second, "sora-2", "task_x").status()).isEqualTo(401);
    assertThat(admin("DELETE", "/admin/v1/keys/key_unknown", null).status()).isEqualTo(404);

    String limits = "/admin/v1/keys/" + a.keyId() + "/limits";
    assertThat(
            admin(
                    "PUT",
                    limits,
                    "{\"model\":\"sora-3\",\"requestsPerMinute\":1,\"concurrentTasks\":1}")
                .json()
                .get("message")
                .stringValue())
        .isEqualTo("model must be one of sora-2, sora-2-pro, veo-3-1");
    assertThat(
            admin("PUT", limits, "{\"model\":\"sora-2\",\"concurrentTasks\":1}")
                .json()
                .get("message")
                .stringValue())
        .startsWith("requestsPerMinute is required");
    assertThat(
            admin(
                    "PUT",
                    limits,
                    "{\"model\":\"sora-2\",\"requestsPerMinute\":1,\"concurrentTasks\":0}")
                .json()
                .get("message")
                .stringValue())
        .startsWith("concurrentTasks must be an integer from 1");
    JsonNode set =
        admin(
                "PUT",
                limits,
                "{\"model\":\"veo-3-1\",\"requestsPerMinute\":7,\"concurrentTasks\":3}")
            .json();
    JsonNode veo =
        set.get("limits")
            .valueStream()
            .filter(l -> l.get("model").stringValue().equals("veo-3-1"))
            .findFirst()
            .orElseThrow();
    assertThat(veo.get("requestsPerMinute").intValue()).isEqualTo(7);
    assertThat(veo.get("overridden").booleanValue()).isTrue();
    JsonNode pro =
        set.get("limits")
            .valueStream()
            .filter(l -> l.get("model").stringValue().equals("sora-2-pro"))
            .findFirst()
            .orElseThrow();
    assertThat(pro.get("requestsPerMinute").intValue()).isEqualTo(60);
    assertThat(pro.get("concurrentTasks").intValue()).isEqualTo(10);
    assertThat(pro.get("overridden").booleanValue()).isFalse();
  }

  void awaitState(String taskId, TaskState state) throws InterruptedException {
    await("task " + taskId + " to reach " + state)
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> taskRows.find(taskId).orElseThrow().state() == state);
  }

  long ledgerSum(String accountId) {
    return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE account_id = ?")
        .param(accountId)
        .query(Long.class)
        .single();
  }
}
