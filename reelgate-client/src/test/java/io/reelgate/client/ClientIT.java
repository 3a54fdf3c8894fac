package io.reelgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.reelgate.client.admin.Account;
import io.reelgate.client.admin.ApiKeyInfo;
import io.reelgate.client.admin.ChannelInfo;
import io.reelgate.client.admin.CreatedAccount;
import io.reelgate.client.admin.CreatedKey;
import io.reelgate.client.admin.KeyLimitParams;
import io.reelgate.client.admin.KeyLimits;
import io.reelgate.client.admin.LedgerPage;
import io.reelgate.client.apixo.Estimate;
import io.reelgate.client.apixo.GenerateParams;
import io.reelgate.client.apixo.ModelInfo;
import io.reelgate.client.apixo.TaskListParams;
import io.reelgate.client.apixo.TaskPage;
import io.reelgate.client.apixo.TaskRef;
import io.reelgate.client.apixo.TaskState;
import io.reelgate.client.apixo.TaskStatus;
import io.reelgate.client.apixo.WebhookDelivery;
import io.reelgate.client.pixazo.PixazoGenerateParams;
import io.reelgate.client.pixazo.PixazoResult;
import io.reelgate.client.pixazo.PixazoState;
import io.reelgate.client.pixazo.PixazoStatus;
import io.reelgate.client.pixazo.PixazoSubmission;
import io.reelgate.client.testing.Mp4;
import io.reelgate.client.testing.RecordingHttpClient;
import io.reelgate.client.testing.ServerProcess;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a running server: every call, the event-stream wait, a 429 retry, webhooks.
 */
class ClientIT {
  static ServerProcess server;
  static ReelgateClient client;

  @BeforeAll
  static void start() {
    server = ServerProcess.start();
    client = clientFor(server.apiKey(), null);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static ReelgateClient clientFor(String apiKey, java.net.http.HttpClient http) {
    ReelgateClient.Builder b =
        ReelgateClient.builder()
            .baseUrl(server.baseUrl())
            .apiKey(apiKey)
            .adminToken(server.adminToken());
    if (http != null) {
      b.httpClient(http);
    }
    return b.build();
  }

  static GenerateParams sora2(String prompt) {
    return GenerateParams.builder()
        .mode("text-to-video")
        .prompt(prompt)
        .duration(4)
        .aspectRatio("landscape")
        .build();
  }

  /** A fresh account with its own key, so that limits and credits of one test touch no other. */
  static CreatedAccount account(long credits) {
    return client.admin().createAccount("it-" + System.nanoTime(), credits);
  }

  @Test
  void waitForFollowsTheEventStreamToSuccessAndTheVideoDownloads(@TempDir Path dir)
      throws Exception {
    RecordingHttpClient http = new RecordingHttpClient();
    ReelgateClient c = clientFor(server.apiKey(), http);
    TaskRef task = c.apixo().generate("sora-2", sora2("a paper boat on a pond, top view"));
    assertThat(task.taskId()).startsWith("task_");

    List<TaskStatus> updates = new CopyOnWriteArrayList<>();
    TaskStatus done =
        c.apixo()
            .waitFor(
                task, WaitOptions.builder().timeout(Duration.ofMinutes(5)).build(), updates::add);

    assertThat(done.state()).as("%s", done).isEqualTo(TaskState.SUCCESS);
    assertThat(done.resultUrls()).hasSize(1);
    assertThat(done.costTime()).isPositive();
    assertThat(updates).isNotEmpty().last().isEqualTo(done);
    assertThat(updates.get(0).isFinal())
        .as("the stream showed the task before it finished")
        .isFalse();
    // the wait followed events: one stream, no status polls
    assertThat(http.exchanges()).filteredOn(e -> e.uri().contains("/events")).hasSize(1);
    assertThat(http.exchanges()).noneMatch(e -> e.uri().contains("/statusTask/"));

    // the same task read by polling, and by status
    TaskStatus polled =
        c.apixo().waitFor(task, WaitOptions.builder().useEvents(false).build(), null);
    assertThat(polled.state()).isEqualTo(TaskState.SUCCESS);
    assertThat(c.apixo().status(task).resultUrls()).isEqualTo(done.resultUrls());

    Path video = dir.resolve("boat.mp4");
    long bytes = c.download(done.resultUrl(), video);
    assertThat(bytes).isEqualTo(Files.size(video)).isGreaterThan(1000);
    Mp4.Info mp4 = Mp4.read(video);
    assertThat(mp4.boxes()).contains("ftyp", "moov", "mdat");
    assertThat(mp4.width()).isEqualTo(1280);
    assertThat(mp4.height()).isEqualTo(720);

    // a Pixazo wait on a finished task returns at once
    PixazoStatus viaPixazo = c.pixazo().waitFor(task.taskId(), WaitOptions.defaults(), null);
    assertThat(viaPixazo.status()).isEqualTo(PixazoState.COMPLETED);
    assertThat(viaPixazo.mediaUrls()).hasSize(1);
  }

  @Test
  void estimateAndCancel() {
    Estimate e =
        client
            .apixo()
            .estimate(
                "sora-2-pro",
                GenerateParams.builder()
                    .mode("text-to-video")
                    .prompt("a city at night")
                    .duration(8)
                    .size("1280*720")
                    .build());
    assertThat(e.credits()).isEqualTo(240);
    assertThat(e.request()).isNotEmpty();

    TaskRef task = client.apixo().generate("sora-2", sora2("cancel me"));
    TaskStatus cancelled;
    try {
      cancelled = client.apixo().cancel(task);
    } catch (ConflictException alreadyStoring) {
      cancelled = client.apixo().waitFor(task);
    }
    assertThat(cancelled.state()).isEqualTo(TaskState.FAILED);
    if ("CANCELLED".equals(cancelled.failCode())) {
      assertThatThrownBy(() -> client.apixo().cancel(task))
          .isInstanceOf(ConflictException.class)
          .satisfies(x -> assertThat(((ApiException) x).statusCode()).isEqualTo(409));
    }
  }

  @Test
  void errorsAreTyped() {
    BadRequestException bad =
        catchThrown(
            BadRequestException.class,
            () ->
                client
                    .apixo()
                    .estimate(
                        "sora-2",
                        GenerateParams.builder()
                            .mode("text-to-video")
                            .prompt("x")
                            .duration(5)
                            .build()));
    assertThat(bad.field()).isEqualTo("input.duration");
    assertThat(bad.errorMessage()).contains("4, 8, 12");

    assertThat(
            catchThrown(NotFoundException.class, () -> client.apixo().status("sora-2", "task_nope"))
                .statusCode())
        .isEqualTo(404);
    assertThatThrownBy(() -> client.apixo().generate("no-such-model", sora2("x")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> clientFor("rg_wrong", null).apixo().status("sora-2", "task_x"))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> clientFor("rg_wrong", null).pixazo().status("sora-video_x"))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(
            () ->
                ReelgateClient.builder()
                    .baseUrl(server.baseUrl())
                    .adminToken("wrong")
                    .build()
                    .admin()
                    .channels())
        .isInstanceOf(AuthenticationException.class);

    CreatedAccount poor = account(10);
    ReelgateClient poorClient = clientFor(poor.apiKey(), null);
    assertThatThrownBy(() -> poorClient.apixo().generate("sora-2", sora2("too dear")))
        .isInstanceOf(InsufficientCreditsException.class);
    assertThatThrownBy(
            () ->
                poorClient
                    .pixazo()
                    .generate(PixazoGenerateParams.builder().prompt("too dear").seconds(4).build()))
        .isInstanceOf(InsufficientCreditsException.class)
        .satisfies(x -> assertThat(((ApiException) x).statusCode()).isEqualTo(402));

    // one idempotency key, two different requests
    RequestOptions key = RequestOptions.builder().idempotencyKey("it-" + System.nanoTime()).build();
    TaskRef first = client.apixo().generate("sora-2", sora2("first"), key);
    assertThat(client.apixo().generate("sora-2", sora2("first"), key)).isEqualTo(first);
    assertThatThrownBy(() -> client.apixo().generate("sora-2", sora2("second"), key))
        .isInstanceOf(ConflictException.class);
    cancelQuietly(first);
  }

  @Test
  void pixazoCalls() throws Exception {
    assertThat(
            catchThrown(
                    BadRequestException.class,
                    () ->
                        client
                            .pixazo()
                            .generate(
                                PixazoGenerateParams.builder().prompt("x").seconds(5).build()))
                .field())
        .isEqualTo("seconds");

    PixazoSubmission t2v =
        client
            .pixazo()
            .generate(
                PixazoGenerateParams.builder()
                    .prompt("a beach at sunset")
                    .seconds(4)
                    .size("1280x720")
                    .build());
    assertThat(t2v.requestId()).startsWith("sora-video_");
    assertThat(t2v.status()).isEqualTo("QUEUED");
    assertThat(t2v.pollingUrl()).endsWith("/v2/requests/status/" + t2v.requestId());
    PixazoStatus status = client.pixazo().status(t2v.requestId());
    assertThat(status.requestId()).isEqualTo(t2v.requestId());
    assertThat(status.modelId()).isEqualTo("sora-video");
    assertThat(status.createdAt()).isNotNull();
    PixazoResult result = client.pixazo().result(t2v.requestId());
    assertThat(result.id()).isEqualTo(t2v.requestId());
    assertThat(result.prompt()).isEqualTo("a beach at sunset");
    assertThat(result.totalAttempts()).isPositive();

    // any task is readable in every dialect: cancel it through APIXO, wait through Pixazo
    cancelQuietly(new TaskRef("sora-2-pro", t2v.requestId()));
    PixazoStatus end =
        client
            .pixazo()
            .waitFor(
                t2v.requestId(),
                WaitOptions.builder().timeout(Duration.ofMinutes(5)).build(),
                null);
    assertThat(end.isFinal()).isTrue();

    PixazoSubmission i2v =
        client
            .pixazo()
            .imageToVideo(
                PixazoGenerateParams.builder()
                    .prompt("the picture comes alive")
                    .seconds(4)
                    .image(pngDataUri(1280, 720))
                    .build());
    assertThat(i2v.requestId()).startsWith("sora-video_");
    assertThat(client.apixo().status("sora-2-pro", i2v.requestId()).taskId())
        .isEqualTo(i2v.requestId());
    cancelQuietly(new TaskRef("sora-2-pro", i2v.requestId()));
  }

  @Test
  void adminCalls() {
    CreatedAccount created = client.admin().createAccount("acme-" + System.nanoTime(), 500);
    assertThat(created.apiKey()).isNotBlank();
    assertThat(created.webhookSecret()).startsWith("whsec_");
    assertThat(created.balance()).isEqualTo(500);

    Account account = client.admin().account(created.accountId());
    assertThat(account.name()).isEqualTo(created.name());
    assertThat(account.createdAt()).isNotNull();

    assertThat(client.admin().adjustCredits(created.accountId(), 250, "top-up").balance())
        .isEqualTo(750);
    assertThat(client.admin().adjustCredits(created.accountId(), -50, null).balance())
        .isEqualTo(700);
    assertThatThrownBy(() -> client.admin().adjustCredits(created.accountId(), -5000, null))
        .isInstanceOf(InsufficientCreditsException.class);
    assertThat(
            catchThrown(
                    BadRequestException.class,
                    () -> client.admin().adjustCredits(created.accountId(), 0, null))
                .field())
        .isEqualTo("amount");

    LedgerPage ledger = client.admin().ledger(created.accountId(), 2, null);
    assertThat(ledger.entries()).hasSize(2);
    assertThat(ledger.entries().get(0).kind()).isEqualTo("DEDUCT");
    assertThat(ledger.nextBefore()).isNotNull();
    LedgerPage rest = client.admin().ledger(created.accountId(), 100, ledger.nextBefore());
    assertThat(rest.entries()).extracting(e -> e.kind()).contains("GRANT");
    assertThat(rest.next()).isNull();

    CreatedKey key = client.admin().createKey(created.accountId());
    List<ApiKeyInfo> keys = client.admin().keys(created.accountId());
    assertThat(keys).extracting(ApiKeyInfo::keyId).contains(created.keyId(), key.keyId());

    KeyLimits limits =
        client
            .admin()
            .setKeyLimits(
                key.keyId(),
                KeyLimitParams.builder()
                    .model("sora-2")
                    .requestsPerMinute(7)
                    .concurrentTasks(3)
                    .build());
    assertThat(limits.of("sora-2").requestsPerMinute()).isEqualTo(7);
    assertThat(limits.of("sora-2").overridden()).isTrue();
    assertThat(client.admin().keyLimits(key.keyId()).of("sora-2-pro").overridden()).isFalse();
    assertThatThrownBy(
            () ->
                client
                    .admin()
                    .setKeyLimits(
                        key.keyId(),
                        KeyLimitParams.builder()
                            .model("nope")
                            .requestsPerMinute(1)
                            .concurrentTasks(1)
                            .build()))
        .isInstanceOf(BadRequestException.class);

    assertThat(clientFor(key.apiKey(), null).apixo().webhookSecret())
        .isEqualTo(created.webhookSecret());
    client.admin().revokeKey(key.keyId());
    assertThatThrownBy(() -> clientFor(key.apiKey(), null).apixo().webhookSecret())
        .isInstanceOf(AuthenticationException.class);
    assertThat(client.admin().keys(created.accountId()))
        .filteredOn(k -> k.keyId().equals(key.keyId()))
        .singleElement()
        .satisfies(k -> assertThat(k.isActive()).isFalse());
    assertThatThrownBy(() -> client.admin().account("acc_missing"))
        .isInstanceOf(NotFoundException.class);

    List<ChannelInfo> channels = client.admin().channels();
    assertThat(channels).extracting(ChannelInfo::id).contains("local");
    assertThat(channels.get(0).health().state()).isNotBlank();
  }

  @Test
  void aSubmissionOverTheConcurrencyLimitIsRetriedAfterRetryAfterWithOneIdempotencyKey()
      throws Exception {
    CreatedAccount acct = account(10_000);
    client
        .admin()
        .setKeyLimits(
            acct.keyId(),
            KeyLimitParams.builder()
                .model("sora-2")
                .requestsPerMinute(1000)
                .concurrentTasks(1)
                .build());
    ReelgateClient owner = clientFor(acct.apiKey(), null);
    TaskRef first = owner.apixo().generate("sora-2", sora2("holds the only slot"));

    RecordingHttpClient http = new RecordingHttpClient();
    ReelgateClient retrying =
        ReelgateClient.builder()
            .baseUrl(server.baseUrl())
            .apiKey(acct.apiKey())
            .httpClient(http)
            .maxRetries(5)
            .build();
    // when the first 429 comes back, the slot is freed; the retry after Retry-After gets in
    http.onExchange(
        e -> {
          if (e.status() == 429) {
            cancelQuietly(first, owner);
          }
        });
    TaskRef second = retrying.apixo().generate("sora-2", sora2("waits for the slot"));

    List<RecordingHttpClient.Exchange> submits =
        http.exchanges().stream().filter(e -> e.uri().contains("/generateTask/")).toList();
    assertThat(submits)
        .extracting(RecordingHttpClient.Exchange::status)
        .startsWith(429)
        .endsWith(200);
    assertThat(submits)
        .extracting(RecordingHttpClient.Exchange::idempotencyKey)
        .doesNotContainNull();
    assertThat(
            new java.util.HashSet<>(
                submits.stream().map(RecordingHttpClient.Exchange::idempotencyKey).toList()))
        .hasSize(1);
    assertThat(owner.apixo().status(second).state())
        .isIn(TaskState.PENDING, TaskState.PROCESSING, TaskState.SUCCESS);

    // without retries the 429 reaches the caller, with its Retry-After
    ReelgateClient impatient =
        ReelgateClient.builder()
            .baseUrl(server.baseUrl())
            .apiKey(acct.apiKey())
            .maxRetries(0)
            .build();
    RateLimitedException limited =
        catchThrown(
            RateLimitedException.class,
            () -> impatient.apixo().generate("sora-2", sora2("no slot")));
    assertThat(limited.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
    cancelQuietly(second, owner);
  }

  @Test
  void webhooksAreSignedListedAndRedelivered() throws Exception {
    List<Map.Entry<HttpHeaders, byte[]>> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          Map<String, List<String>> h = new java.util.HashMap<>();
          exchange.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v));
          received.add(Map.entry(HttpHeaders.of(h, (a, b) -> true), body));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      TaskRef task =
          client
              .apixo()
              .generate("sora-2", sora2("calls back").toBuilder().callbackUrl(url).build());
      cancelQuietly(task);
      TaskStatus end = client.apixo().waitFor(task);
      await().atMost(Duration.ofMinutes(2)).until(() -> received.size() >= 1);

      WebhookVerifier verifier = WebhookVerifier.of(client.apixo().webhookSecret());
      Map.Entry<HttpHeaders, byte[]> first = received.get(0);
      verifier.verify(first.getKey(), first.getValue());
      new com.svix.Webhook(client.apixo().webhookSecret())
          .verify(
              new String(first.getValue(), java.nio.charset.StandardCharsets.UTF_8),
              first.getKey());
      byte[] tampered = first.getValue().clone();
      tampered[tampered.length - 2] ^= 1;
      assertThatThrownBy(() -> verifier.verify(first.getKey(), tampered))
          .isInstanceOf(WebhookVerificationException.class);
      assertThat(
              TaskStatus.fromJson(
                  io.reelgate.client.internal.Json.MAPPER.readTree(first.getValue()).get("data")))
          .isEqualTo(end);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "DELIVERED".equals(client.apixo().webhooks(task.taskId()).get(0).state()));
      List<WebhookDelivery> deliveries = client.apixo().webhooks(task.taskId());
      assertThat(deliveries).hasSize(1);
      WebhookDelivery delivery = deliveries.get(0);
      assertThat(delivery.url()).isEqualTo(url);
      assertThat(delivery.attempts()).isNotEmpty();
      assertThat(delivery.attempts().get(0).statusCode()).isEqualTo(200);
      String webhookId = first.getKey().firstValue("webhook-id").orElseThrow();
      assertThat(delivery.webhookId()).isEqualTo(webhookId);

      WebhookDelivery again = client.apixo().redeliver(task.taskId(), webhookId);
      assertThat(again.webhookId()).isEqualTo(webhookId);
      await().atMost(Duration.ofMinutes(1)).until(() -> received.size() >= 2);
      Map.Entry<HttpHeaders, byte[]> second = received.get(1);
      assertThat(second.getKey().firstValue("webhook-id")).contains(webhookId);
      verifier.verify(second.getKey(), second.getValue());
      assertThatThrownBy(() -> client.apixo().redeliver(task.taskId(), "msg_nope"))
          .isInstanceOf(NotFoundException.class);
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void modelsListsTheCatalog() {
    List<ModelInfo> models = assumeEndpoint("GET /api/v1/models", () -> client.apixo().models());
    assertThat(models).extracting(ModelInfo::id).contains("sora-2", "sora-2-pro", "veo-3-1");
    ModelInfo pro =
        models.stream().filter(m -> m.id().equals("sora-2-pro")).findFirst().orElseThrow();
    assertThat(pro.durations()).contains(4, 8, 12);
    assertThat(pro.limits().concurrentTasks()).isEqualTo(10);
    assertThat(pro.price().creditsPerSecond()).isEqualTo(30.0);
  }

  @Test
  void tasksListsTheKeysTasksNewestFirst() {
    CreatedAccount acct = account(10_000);
    ReelgateClient own = clientFor(acct.apiKey(), null);
    assumeEndpoint("GET /api/v1/tasks", () -> own.apixo().tasks(TaskListParams.builder().build()));
    List<TaskRef> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TaskRef t = own.apixo().generate("sora-2", sora2("listed " + i));
      made.add(t);
      cancelQuietly(t, own);
    }
    TaskPage page = own.apixo().tasks(TaskListParams.builder().limit(2).build());
    assertThat(page.tasks())
        .extracting(TaskStatus::taskId)
        .containsExactly(made.get(2).taskId(), made.get(1).taskId());
    assertThat(page.tasks().get(0).model()).isEqualTo("sora-2");
    assertThat(page.nextCursor()).isNotNull();
    TaskPage next =
        own.apixo().tasks(TaskListParams.builder().limit(2).cursor(page.nextCursor()).build());
    assertThat(next.tasks()).extracting(TaskStatus::taskId).containsExactly(made.get(0).taskId());
    assertThat(
            own.apixo()
                .tasks(TaskListParams.builder().state(TaskState.FAILED).model("sora-2").build())
                .tasks())
        .hasSize(3);
    assertThat(own.apixo().tasks(TaskListParams.builder().state(TaskState.SUCCESS).build()).tasks())
        .isEmpty();
  }

  // helpers

  static <T> T assumeEndpoint(String endpoint, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (NotFoundException missing) {
      Assumptions.abort(endpoint + " is not on this server yet");
      throw missing;
    }
  }

  static void cancelQuietly(TaskRef task) {
    cancelQuietly(task, client);
  }

  static void cancelQuietly(TaskRef task, ReelgateClient c) {
    try {
      c.apixo().cancel(task);
    } catch (ConflictException finished) {
      // already finished or storing
    }
  }

  static <X extends Throwable> X catchThrown(Class<X> type, Runnable call) {
    try {
      call.run();
    } catch (Throwable t) {
      assertThat(t).isInstanceOf(type);
      return type.cast(t);
    }
    throw new AssertionError("expected " + type.getSimpleName());
  }

  static String pngDataUri(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(30, 90, 160));
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
  }
}
