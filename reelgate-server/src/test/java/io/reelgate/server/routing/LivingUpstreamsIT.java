package io.reelgate.server.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.reelgate.render.LocalRenderer;
import io.reelgate.render.RenderMode;
import io.reelgate.render.RenderSpec;
import io.reelgate.server.routing.LivingUpstreamStubs.Protocol;
import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.Mp4Info;
import io.reelgate.server.support.ServerTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The seven living upstream protocols through the whole server, each against a local stub of its
 * documented protocol ({@link LivingUpstreamStubs}): an APIXO submit routed to the protocol's
 * channel ends with the upstream's MP4 stored and served by the result URL; where the upstream
 * pushes, a callback finishes the task and a forged one is refused or changes nothing; a content
 * filter after generation fails the task unpaid. Also the failure table (credentials open the
 * breaker, the client's own credits never count against a channel, a rate limit's wait hint is
 * kept), submit-time refusals in all three dialects, and late results after a timeout.
 *
 * <p>Each protocol has a polled channel {@code <protocol>} serving {@code m-<protocol>}, and each
 * pushing protocol a channel {@code <protocol>-push} serving {@code m-<protocol>-push} that polls
 * only every 10 minutes, so that only a callback can finish its tasks within the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LivingUpstreamsIT {
  static final String KEY = "rg_test_living_upstreams_0123";
  static final String ADMIN = "living-upstreams-admin-token-0123456789abcdef";
  static final String PUBLIC_BASE = "https://gateway.example";
  static final Path DATA = ServerTest.tempDataDir("reelgate-living");
  static final WireMockServer STUB = started();
  static final byte[] MP4 = render();
  static final LivingUpstreamStubs UPSTREAMS = new LivingUpstreamStubs(STUB, MP4);
  static final AtomicInteger CHANNELS = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  static WireMockServer started() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    return server;
  }

  static byte[] render() {
    try {
      Path dir = Files.createTempDirectory("living-mp4");
      Path video = dir.resolve("v.mp4");
      new LocalRenderer(1)
          .render(
              new RenderSpec(RenderMode.TEXT, 64, 36, 1, 4, "stub", 1, List.of()),
              video,
              dir.resolve("p.jpg"));
      return Files.readAllBytes(video);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    STUB.stop();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, DATA, KEY);
    r.add("reelgate.admin-token", () -> ADMIN);
    r.add("reelgate.public-base-url", () -> PUBLIC_BASE);
    r.add("reelgate.polling.interval", () -> "200ms");
    r.add("reelgate.late-results.poll-interval", () -> "200ms");
    for (Protocol p : Protocol.values()) {
      model(r, "m-" + p.id, null);
      channel(r, p, p.id, "official", Map.of("m-" + p.id, p.upstreamModel), Map.of());
      if (p.pushes()) {
        model(r, "m-" + p.id + "-push", null);
        channel(
            r,
            p,
            p.id + "-push",
            "official",
            Map.of("m-" + p.id + "-push", p.upstreamModel),
            Map.of("poll-interval", "10m"));
      }
    }
    // sora-2-pro (Pixazo's and OpenAI's model) and m-choice on two channels that take what their
    // upstream models take, no nearest values: Kling 5 or 10 s, Luma 5 or 9 s
    model(r, "m-choice", null);
    Map<String, String> exact = Map.of("fit", "exact");
    channel(
        r,
        Protocol.KLING,
        "kling-exact",
        "official",
        Map.of("m-choice", "kling-v2-6", "sora-2-pro", "kling-v2-6"),
        exact);
    channel(
        r,
        Protocol.LUMA,
        "luma-exact",
        "value",
        Map.of("m-choice", "ray-2", "sora-2-pro", "ray-2"),
        exact);
    model(r, "m-auth", null);
    channel(r, Protocol.RUNWAY, "runway-auth", "official", Map.of("m-auth", "gen4.5"), Map.of());
    model(r, "m-credit", null);
    channel(
        r, Protocol.RUNWAY, "runway-credit", "official", Map.of("m-credit", "gen4.5"), Map.of());
    model(r, "m-rate", null);
    channel(
        r, Protocol.WAN, "wan-rate", "official", Map.of("m-rate", "wan2.5-t2v-preview"), Map.of());
    model(r, "m-late", "2s");
    channel(r, Protocol.LUMA, "luma-late", "official", Map.of("m-late", "ray-2"), Map.of());
  }

  /** A sora-2-shaped public model with every routing; {@code deadline} null keeps the default. */
  static void model(DynamicPropertyRegistry r, String id, String deadline) {
    String p = "reelgate.models." + id + ".";
    r.add(p + "family", () -> "sora-2");
    r.add(p + "durations", () -> "5,8,9,10");
    r.add(p + "max-prompt-length", () -> "2000");
    r.add(p + "qualities", () -> "standard");
    r.add(p + "routings", () -> "official,value,auto");
    r.add(p + "default-routing", () -> "official");
    r.add(p + "kinds.text-to-video.min-images", () -> "0");
    r.add(p + "kinds.text-to-video.max-images", () -> "0");
    r.add(p + "kinds.text-to-video.sizes", () -> "1280x720,720x1280");
    r.add(p + "price.credits-per-second", () -> "10");
    r.add(p + "limits.requests-per-minute", () -> "1000");
    r.add(p + "limits.concurrent-tasks", () -> "100");
    if (deadline != null) {
      r.add(p + "deadline", () -> deadline);
    }
  }

  static void channel(
      DynamicPropertyRegistry r,
      Protocol protocol,
      String id,
      String route,
      Map<String, String> models,
      Map<String, String> options) {
    String p = "reelgate.channels[" + CHANNELS.getAndIncrement() + "].";
    r.add(p + "id", () -> id);
    r.add(p + "protocol", () -> protocol.id);
    r.add(p + "base-url", () -> UPSTREAMS.baseUrl(id));
    r.add(p + "api-key", () -> "key-" + id);
    r.add(p + "route", () -> route);
    models.forEach((m, upstream) -> r.add(p + "models." + m, () -> upstream));
    if (!options.containsKey("fit")) {
      r.add(p + "options.fit", () -> "nearest");
    }
    options.forEach((k, v) -> r.add(p + "options." + k, () -> v));
    if (protocol == Protocol.KLING) {
      r.add(p + "options.secret-key", () -> LivingUpstreamStubs.KLING_SECRET);
    }
    if (protocol == Protocol.OPENROUTER) {
      r.add(p + "webhook-secret", () -> LivingUpstreamStubs.OPENROUTER_SECRET);
    }
  }

  String base() {
    return "http://localhost:" + port;
  }

  static String body(String prompt, int seconds, String provider) {
    return """
        {"request_type":"async","provider":"%s","input":{"mode":"text-to-video",
         "prompt":"%s","duration":%d,"aspect_ratio":"landscape"}}"""
        .formatted(provider, prompt, seconds);
  }

  String submit(String model, String prompt) {
    return Apixo.submit(base(), KEY, model, body(prompt, 5, "official"));
  }

  JsonNode status(String model, String taskId) {
    return Apixo.status(base(), KEY, model, taskId);
  }

  JsonNode finished(String model, String taskId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> List.of("success", "failed").contains(state(model, taskId)));
    return status(model, taskId);
  }

  String state(String model, String taskId) {
    return status(model, taskId).get("state").stringValue();
  }

  String upstreamJobOf(String taskId) {
    return jdbc.sql("SELECT upstream_job_id FROM tasks WHERE id = ?")
        .param(taskId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  String channelOf(String taskId) {
    return jdbc.sql("SELECT channel_id FROM tasks WHERE id = ?")
        .param(taskId)
        .query(String.class)
        .single();
  }

  /** The ledger's settlement of a task: CAPTURE (charged) or RELEASE (not charged). */
  String settlementOf(String taskId) {
    return jdbc.sql("SELECT kind FROM ledger WHERE settles_task = ?")
        .param(taskId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  void assertServesTheUpstreamsMp4(JsonNode done) {
    String resultJson = done.get("resultJson").stringValue();
    String url = Http.JSON.readTree(resultJson).get("resultUrls").get(0).stringValue();
    assertThat(url).startsWith(PUBLIC_BASE + "/files/");
    // why: the public address is the gateway's name on the internet; the test reaches it here
    Http.Response file = Http.send("GET", base() + url.substring(PUBLIC_BASE.length()), null);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(MP4);
    assertThat(Mp4Info.parse(file.body())).isNotNull();
  }

  Http.Response push(String channel, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return Http.send("POST", base() + "/upstream/v1/webhooks/" + channel, body, all);
  }

  Http.Response admin(String path) {
    return Http.send("GET", base() + path, null, "Authorization", "Bearer " + ADMIN);
  }

  // --- end to end, polled ---

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void anApixoSubmitEndsWithTheUpstreamsMp4StoredAndServed(Protocol p) {
    String job = p.id + "-e2e";
    UPSTREAMS.accepts(p, p.id, job);
    UPSTREAMS.succeeded(p, p.id, job);
    String id = submit("m-" + p.id, "a harbour at dusk " + job);
    JsonNode done = finished("m-" + p.id, id);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("success");
    assertThat(channelOf(id)).isEqualTo(p.id);
    assertThat(upstreamJobOf(id)).isEqualTo(job);
    assertServesTheUpstreamsMp4(done);
    assertThat(settlementOf(id)).isEqualTo("CAPTURE");
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void aVideoStoppedByTheUpstreamsContentFilterFailsAndCostsNothing(Protocol p) {
    String job = p.id + "-filtered";
    UPSTREAMS.accepts(p, p.id, job);
    UPSTREAMS.contentFiltered(p, p.id, job);
    String id = submit("m-" + p.id, "a storm over the sea " + job);
    JsonNode done = finished("m-" + p.id, id);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("failed");
    assertThat(done.get("failCode").stringValue()).isEqualTo("CONTENT_VIOLATION");
    assertThat(settlementOf(id)).isEqualTo("RELEASE");
  }

  // --- end to end, pushed ---

  @ParameterizedTest
  @EnumSource(
      value = Protocol.class,
      names = {"KLING", "SEEDANCE", "MINIMAX", "OPENROUTER", "LUMA"})
  void aCallbackFinishesTheTaskAndAForgedOneIsRefusedOrChangesNothing(Protocol p) {
    String channel = p.id + "-push";
    String model = "m-" + channel;
    String job = p.id + "-pushed";
    UPSTREAMS.accepts(p, channel, job);
    UPSTREAMS.running(p, channel, job);
    if (p == Protocol.MINIMAX) {
      Http.Response handshake = push(channel, "{\"challenge\":\"c-123\"}");
      assertThat(handshake.status()).isEqualTo(200);
      assertThat(handshake.json().get("challenge").stringValue()).isEqualTo("c-123");
    }
    String id = submit(model, "a lighthouse " + job);
    await().atMost(Duration.ofSeconds(30)).until(() -> job.equals(upstreamJobOf(id)));
    String callback = LivingUpstreamStubs.finishedCallback(p, job);

    // forged: a claim of success the upstream does not confirm, or a wrong signature
    Http.Response forged =
        p == Protocol.OPENROUTER
            ? push(
                channel,
                callback,
                "X-OpenRouter-Signature",
                LivingUpstreamStubs.openRouterSignature(
                    "not-the-secret", Instant.now().getEpochSecond(), callback))
            : push(channel, callback);
    if (p == Protocol.OPENROUTER) {
      assertThat(forged.status()).as(forged.text()).isEqualTo(401);
    } else {
      assertThat(forged.status()).as(forged.text()).isEqualTo(200);
      assertThat(forged.json().get("result").stringValue()).isEqualTo("ignored");
    }
    assertThat(state(model, id)).isEqualTo("processing");

    UPSTREAMS.succeeded(p, channel, job);
    Http.Response valid =
        p == Protocol.OPENROUTER
            ? push(
                channel,
                callback,
                "X-OpenRouter-Signature",
                LivingUpstreamStubs.openRouterSignature(
                    LivingUpstreamStubs.OPENROUTER_SECRET,
                    Instant.now().getEpochSecond(),
                    callback))
            : push(channel, callback);
    assertThat(valid.status()).as(valid.text()).isEqualTo(200);
    assertThat(valid.json().get("result").stringValue()).isEqualTo("accepted");
    JsonNode done = finished(model, id);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("success");
    assertServesTheUpstreamsMp4(done);
  }

  // --- submit-time refusal ---

  @Test
  void aRequestEveryChannelRefusesIsA400NamingTheFieldInEachDialectAndWritesNothing() {
    long tasks = count("tasks");
    long ledger = count("ledger");
    Http.Response apixo =
        Http.send(
            "POST",
            base() + "/api/v1/generateTask/m-choice",
            body("eight seconds", 8, "auto"),
            "Authorization",
            "Bearer " + KEY,
            "Content-Type",
            "application/json");
    assertThat(apixo.status()).as(apixo.text()).isEqualTo(400);
    assertThat(apixo.json().get("code").asInt()).isEqualTo(400);
    assertThat(apixo.json().get("message").stringValue())
        .startsWith("input.duration must be one of 5, 10 on channel kling-exact");

    Http.Response pixazo =
        Http.send(
            "POST",
            base() + "/sora-video/v1/video/generate",
            "{\"prompt\":\"four seconds\",\"seconds\":4,\"size\":\"1280x720\"}",
            "Ocp-Apim-Subscription-Key",
            KEY,
            "Content-Type",
            "application/json");
    assertThat(pixazo.status()).as(pixazo.text()).isEqualTo(400);
    assertThat(pixazo.json().get("message").stringValue())
        .startsWith("seconds must be one of 5, 10 on channel kling-exact");

    Http.Response openai =
        Http.send(
            "POST",
            base() + "/v1/videos",
            "{\"model\":\"sora-2-pro\",\"prompt\":\"four seconds\",\"seconds\":\"4\","
                + "\"size\":\"1280x720\"}",
            "Authorization",
            "Bearer " + KEY,
            "Content-Type",
            "application/json");
    assertThat(openai.status()).as(openai.text()).isEqualTo(400);
    JsonNode error = openai.json().get("error");
    assertThat(error.get("type").stringValue()).isEqualTo("invalid_request_error");
    assertThat(error.get("param").stringValue()).isEqualTo("seconds");
    assertThat(error.get("message").stringValue()).startsWith("seconds must be one of 5, 10");

    assertThat(count("tasks")).isEqualTo(tasks);
    assertThat(count("ledger")).isEqualTo(ledger);
  }

  @Test
  void aRequestOneChannelTakesIsAcceptedAndRunsThereSkippingTheOneThatRefuses() {
    UPSTREAMS.accepts(Protocol.LUMA, "luma-exact", "nine-seconds");
    UPSTREAMS.succeeded(Protocol.LUMA, "luma-exact", "nine-seconds");
    String id = Apixo.submit(base(), KEY, "m-choice", body("a river nine-seconds", 9, "auto"));
    JsonNode done = finished("m-choice", id);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("success");
    assertThat(channelOf(id)).isEqualTo("luma-exact");
    STUB.verify(0, postRequestedFor(urlPathMatching("/c/kling-exact/.*")));
  }

  @Test
  void anAutoTaskWhoseChannelRefusesItsInputMovesToTheNextChannel() {
    UPSTREAMS.submitAnswers(
        Protocol.KLING,
        "kling-exact",
        aResponse()
            .withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"code\":1201,\"message\":\"invalid parameters\",\"request_id\":\"r\"}"));
    UPSTREAMS.accepts(Protocol.LUMA, "luma-exact", "moves-on");
    UPSTREAMS.succeeded(Protocol.LUMA, "luma-exact", "moves-on");
    String id = Apixo.submit(base(), KEY, "m-choice", body("a field moves-on", 5, "auto"));
    JsonNode done = finished("m-choice", id);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("success");
    assertThat(channelOf(id)).isEqualTo("luma-exact");
    assertThat(
            jdbc.sql("SELECT tried_channels FROM tasks WHERE id = ?")
                .param(id)
                .query(String.class)
                .single())
        .isEqualTo("kling-exact,luma-exact");
  }

  // --- failure table ---

  @Test
  void refusedCredentialsOpenTheChannelsBreaker() {
    UPSTREAMS.submitAnswers(
        Protocol.RUNWAY,
        "runway-auth",
        aResponse()
            .withStatus(401)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"Invalid API key\"}"));
    for (int i = 0; i < 5; i++) {
      String id = submit("m-auth", "credentials " + i);
      JsonNode done = finished("m-auth", id);
      assertThat(done.get("state").stringValue()).isEqualTo("failed");
      assertThat(done.get("failCode").stringValue()).isEqualTo("UPSTREAM_ERROR");
      assertThat(settlementOf(id)).isEqualTo("RELEASE");
    }
    assertThat(health("runway-auth").get("state").stringValue()).isEqualTo("open");
  }

  @Test
  void aClientsOwnInsufficientCreditsNeverReachOrCountAgainstAChannel() {
    Http.Response account =
        Http.send(
            "POST",
            base() + "/admin/v1/accounts",
            "{\"name\":\"poor\",\"credits\":10}",
            "Authorization",
            "Bearer " + ADMIN,
            "Content-Type",
            "application/json");
    assertThat(account.status()).as(account.text()).isEqualTo(201);
    String poorKey = account.json().get("apiKey").stringValue();
    for (int i = 0; i < 6; i++) {
      Http.Response r =
          Http.send(
              "POST",
              base() + "/api/v1/generateTask/m-credit",
              body("no credits " + i, 5, "official"),
              "Authorization",
              "Bearer " + poorKey,
              "Content-Type",
              "application/json");
      assertThat(r.status()).as(r.text()).isEqualTo(400);
      assertThat(r.json().get("message").stringValue()).isEqualTo("Insufficient credits");
    }
    JsonNode health = health("runway-credit");
    assertThat(health.get("state").stringValue()).isEqualTo("closed");
    assertThat(health.get("calls").asInt()).isZero();
    STUB.verify(0, postRequestedFor(urlPathMatching("/c/runway-credit/.*")));
  }

  @Test
  void aRateLimitedSubmitWaitsForTheUpstreamsHint() {
    UPSTREAMS.submitAnswers(
        Protocol.WAN,
        "wan-rate",
        aResponse()
            .withStatus(429)
            .withHeader("Content-Type", "application/json")
            .withHeader("Retry-After", "3600")
            .withBody(
                "{\"code\":\"Throttling.RateQuota\",\"message\":\"Requests rate limit exceeded\","
                    + "\"request_id\":\"r\"}"));
    Instant before = Instant.now();
    String id = submit("m-rate", "throttled");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("SELECT attempts FROM tasks WHERE id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single()
                    == 1);
    // why: the task's durable job is moved to the hint once its run has ended
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("SELECT execution_time FROM scheduled_tasks WHERE task_instance = ?")
                    .param(id)
                    .query(java.sql.Timestamp.class)
                    .single()
                    .toInstant()
                    .isAfter(before.plus(Duration.ofMinutes(55))));
    assertThat(state("m-rate", id)).isNotEqualTo("failed");
    STUB.verify(1, postRequestedFor(urlPathMatching("/c/wan-rate/.*")));
  }

  JsonNode health(String channel) {
    Http.Response r = admin("/admin/v1/channels");
    assertThat(r.status()).isEqualTo(200);
    for (JsonNode c : r.json().get("channels")) {
      if (c.get("id").stringValue().equals(channel)) {
        return c.get("health");
      }
    }
    throw new AssertionError("no channel " + channel);
  }

  // --- late results ---

  @Test
  void aJobFinishedAfterItsTaskTimedOutIsListedAsALateResult() {
    String job = "late-job";
    UPSTREAMS.accepts(Protocol.LUMA, "luma-late", job);
    UPSTREAMS.running(Protocol.LUMA, "luma-late", job);
    UPSTREAMS.deletes("luma-late", job);
    String id = submit("m-late", "slow " + job);
    JsonNode done = finished("m-late", id);
    assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("failed");
    assertThat(done.get("failCode").stringValue()).isEqualTo("PROCESSING_TIMEOUT");
    assertThat(settlementOf(id)).isEqualTo("RELEASE");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                STUB.verify(deleteRequestedFor(urlPathEqualTo("/c/luma-late/generations/" + job))));
    assertThat(lateResultOf(id)).isNull();

    UPSTREAMS.succeeded(Protocol.LUMA, "luma-late", job);
    await().atMost(Duration.ofSeconds(30)).until(() -> lateResultOf(id) != null);
    JsonNode late = lateResultOf(id);
    assertThat(late.get("channelId").stringValue()).isEqualTo("luma-late");
    assertThat(late.get("upstreamJobId").stringValue()).isEqualTo(job);
    assertThat(late.get("model").stringValue()).isEqualTo("m-late");
    assertThat(late.get("seenVia").stringValue()).isEqualTo("poll");
    assertThat(Instant.parse(late.get("reportedAt").stringValue()))
        .isAfterOrEqualTo(Instant.parse(late.get("timedOutAt").stringValue()));
    // the task stays failed and unpaid
    assertThat(state("m-late", id)).isEqualTo("failed");
    assertThat(settlementOf(id)).isEqualTo("RELEASE");

    Http.Response badLimit = admin("/admin/v1/late-results?limit=0");
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.text().toLowerCase(Locale.ROOT)).contains("limit");
    assertThat(Http.send("GET", base() + "/admin/v1/late-results", null).status()).isEqualTo(401);
  }

  JsonNode lateResultOf(String taskId) {
    Http.Response r = admin("/admin/v1/late-results?limit=1000");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    for (JsonNode e : r.json().get("lateResults")) {
      if (e.get("taskId").stringValue().equals(taskId)) {
        return e;
      }
    }
    return null;
  }
}
