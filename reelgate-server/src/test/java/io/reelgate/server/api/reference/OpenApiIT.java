package io.reelgate.server.api.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgate.server.support.Apixo;
import io.reelgate.server.support.Http;
import io.reelgate.server.support.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document cannot drift from the code: every controller mapping is in it (and every
 * operation in it is served), and real requests to every endpoint — successes and errors of each
 * dialect, the admin API, files, event streams, upstream webhooks — get answers whose status,
 * content type and JSON body the document describes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiIT {
  static final String KEY = "rg_test_openapi_0123456789";
  static final String ADMIN = "admin-token-openapi-4f1e9c2a7b3d5e6f8a0b";
  static final Path DATA = ServerTest.tempDataDir("reelgate-openapi");

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  final List<String> problems = new ArrayList<>();
  final Set<OpenApiDocument.Operation> answered = new LinkedHashSet<>();
  OpenApiDocument doc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    ServerTest.embeddedServer(r, DATA, KEY);
    r.add("reelgate.admin-token", () -> ADMIN);
  }

  String base() {
    return "http://localhost:" + port;
  }

  @Test
  void everyControllerMappingIsDocumentedAndEveryDocumentedOperationIsServed() {
    doc = OpenApiDocument.fetch(base());
    assertThat(doc.doc.get("openapi").stringValue()).startsWith("3.1");
    Set<String> served = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<String> paths = info.getPatternValues();
      var methods = info.getMethodsCondition().getMethods();
      for (String path : paths) {
        if (path.equals("/error") || path.startsWith("${server.error.path")) {
          continue; // Spring Boot's error page, never called directly
        }
        for (var method : methods) {
          served.add(method.name().toLowerCase(Locale.ROOT) + " " + path);
        }
      }
    }
    Set<String> documented = new TreeSet<>();
    doc.operations().forEach(o -> documented.add(o.method() + " " + o.path()));
    served.remove("get /docs/"); // the same page as /docs
    served.remove("get /console/"); // the same page as /console
    Set<String> undocumented = new TreeSet<>(served);
    undocumented.removeAll(documented);
    Set<String> unserved = new TreeSet<>(documented);
    unserved.removeAll(served);
    assertThat(undocumented).as("controller mappings missing from /openapi.json").isEmpty();
    assertThat(unserved).as("operations in /openapi.json that nothing serves").isEmpty();
  }

  @Test
  void everyEndpointAnswersAsDocumented() {
    doc = OpenApiDocument.fetch(base());
    String bearer = "Bearer " + KEY;
    String[] auth = {"Authorization", bearer, "Content-Type", "application/json"};
    String[] pix = {"Ocp-Apim-Subscription-Key", KEY, "Content-Type", "application/json"};
    String[] admin = {"Authorization", "Bearer " + ADMIN, "Content-Type", "application/json"};

    // APIXO
    String task =
        call("POST", "/api/v1/generateTask/sora-2", Apixo.sora("a documented kite"), 200, auth)
            .json()
            .get("data")
            .get("taskId")
            .stringValue();
    call("POST", "/api/v1/generateTask/sora-2", "{\"input\":{\"duration\":5}}", 400, auth);
    call("POST", "/api/v1/generateTask/sora-9", Apixo.sora("x"), 404, auth);
    call("POST", "/api/v1/generateTask/sora-2", Apixo.sora("x"), 401);
    call("POST", "/api/v1/estimate/sora-2", Apixo.sora("priced"), 200, auth);
    call("POST", "/api/v1/estimate/sora-2", "not json", 400, auth);
    call("GET", "/api/v1/statusTask/sora-2?taskId=" + task, null, 200, auth);
    call("GET", "/api/v1/statusTask/sora-2", null, 400, auth);
    call("GET", "/api/v1/statusTask/sora-2?taskId=task_missing", null, 404, auth);
    call("GET", "/api/v1/models", null, 200, auth);
    call("GET", "/api/v1/models", null, 401);
    call("GET", "/api/v1/tasks", null, 200, auth);
    call("GET", "/api/v1/tasks?limit=zero", null, 400, auth);
    call("POST", "/api/v1/cancelTask/sora-2", null, 400, auth);
    call("POST", "/api/v1/cancelTask/sora-2?taskId=task_missing", null, 404, auth);
    String toCancel = Apixo.submit(base(), KEY, "sora-2", Apixo.sora("a task to cancel at once"));
    call("POST", "/api/v1/cancelTask/sora-2?taskId=" + toCancel, null, -1, auth);
    JsonNode done = Apixo.finished(base(), KEY, "sora-2", task, 120);

    // webhooks and events (APIXO envelope)
    String hooked =
        Apixo.submit(
            base(),
            KEY,
            "sora-2",
            """
            {"request_type":"callback","callback_url":"http://127.0.0.1:9/hook","provider":"official",
             "input":{"mode":"text-to-video","prompt":"a hooked kite","duration":4,
             "aspect_ratio":"landscape"}}""");
    Apixo.finished(base(), KEY, "sora-2", hooked, 120);
    JsonNode deliveries =
        call("GET", "/api/v1/tasks/" + hooked + "/webhooks", null, 200, auth)
            .json()
            .get("data")
            .get("deliveries");
    call("GET", "/api/v1/tasks/task_missing/webhooks", null, 404, auth);
    String webhookId = deliveries.get(0).get("webhookId").stringValue();
    call(
        "POST",
        "/api/v1/tasks/" + hooked + "/webhooks/" + webhookId + "/redeliver",
        null,
        -1,
        auth);
    call("POST", "/api/v1/tasks/" + hooked + "/webhooks/msg_missing/redeliver", null, 404, auth);
    call("GET", "/api/v1/webhooks/secret", null, 200, auth);
    call("GET", "/api/v1/webhooks/secret", null, 401);
    stream("/api/v1/tasks/" + task + "/events", 200, bearer);
    stream("/api/v1/tasks/task_missing/events", 404, bearer);
    stream("/api/v1/events", 200, bearer);
    stream("/api/v1/events", 401, null);

    // files
    String resultUrl =
        Http.JSON
            .readTree(done.get("resultJson").stringValue())
            .get("resultUrls")
            .get(0)
            .stringValue();
    String file = resultUrl.substring(base().length());
    call("GET", file, null, 200);
    call("GET", file.replaceAll("sig=[^&]+", "sig=AAAA"), null, 403);
    call("GET", "/files/" + task + "/nothing.mp4?expires=1&sig=AAAA", null, 403);

    // Pixazo
    String pixazo =
        call("POST", "/sora-video/v1/video/generate", "{\"prompt\":\"a pixazo kite\"}", 202, pix)
            .json()
            .get("request_id")
            .stringValue();
    call("POST", "/sora-video/v1/video/generate", "{\"size\":\"1280x720\"}", 400, pix);
    call("POST", "/sora-video/v1/video/generate", "{\"prompt\":\"x\"}", 401);
    call("POST", "/sora-video/v1/video/i2v/generate", "{\"prompt\":\"no image\"}", 400, pix);
    call("GET", "/v2/requests/status/" + pixazo, null, 200, pix);
    call("GET", "/v2/requests/status/sora-video_missing", null, 404, pix);
    call("POST", "/sora-video/v1/video/result", "{\"video_id\":\"" + pixazo + "\"}", 200, pix);
    call("POST", "/sora-video/v1/video/result", "{}", 400, pix);

    // OpenAI Videos
    String video =
        call("POST", "/v1/videos", "{\"prompt\":\"an openai kite\",\"seconds\":\"4\"}", 200, auth)
            .json()
            .get("id")
            .stringValue();
    call("POST", "/v1/videos", "{\"prompt\":\"x\",\"seconds\":\"5\"}", 400, auth);
    call("POST", "/v1/videos", "{\"prompt\":\"x\"}", 401);
    call("GET", "/v1/videos/" + video, null, 200, auth);
    call("GET", "/v1/videos/video_missing", null, 404, auth);
    call("GET", "/v1/videos?limit=2", null, 200, auth);
    call("GET", "/v1/videos?limit=none", null, 400, auth);
    call("GET", "/v1/videos/" + video + "/content", null, -1, auth);
    call("POST", "/v1/videos/" + video + "/remix", "{\"prompt\":\"again\"}", -1, auth);
    call("POST", "/v1/videos/video_missing/remix", "{\"prompt\":\"again\"}", 404, auth);
    call("GET", "/v1/videos/" + task + "/content", null, 200, auth);
    call("GET", "/v1/videos/video_missing/content", null, 404, auth);
    call("GET", "/v1/models", null, 200, auth);
    call("GET", "/v1/models/sora-2", null, 200, auth);
    call("GET", "/v1/models/sora-9", null, 404, auth);
    call("DELETE", "/v1/videos/" + video, null, 200, auth);
    call("DELETE", "/v1/videos/video_missing", null, 404, auth);

    call("GET", "/api/v1/tasks/" + task, null, 200, auth);
    call("GET", "/api/v1/tasks/task_missing", null, 404, auth);
    call("GET", "/api/v1/credits", null, 200, auth);
    call("GET", "/api/v1/credits", null, 401);
    call("GET", "/api/v1/credits/ledger", null, 200, auth);
    call("GET", "/admin/v1/accounts", null, 200, admin);
    call("GET", "/admin/v1/tasks", null, 200, admin);
    call("GET", "/admin/v1/moderation-events", null, 200, admin);
    call("GET", "/admin/v1/late-results", null, 200, admin);
    call("GET", "/console", null, 301);

    // upstream webhooks
    call("POST", "/upstream/v1/webhooks/no-such-channel", "{}", 404);

    // admin
    JsonNode account =
        call("POST", "/admin/v1/accounts", "{\"name\":\"documented\",\"credits\":10}", 201, admin)
            .json();
    String accountId = account.get("accountId").stringValue();
    call("POST", "/admin/v1/accounts", "{}", 400, admin);
    call("POST", "/admin/v1/accounts", "{\"name\":\"x\"}", 401);
    call("GET", "/admin/v1/accounts/" + accountId, null, 200, admin);
    call("GET", "/admin/v1/accounts/acct_missing", null, 404, admin);
    call("POST", "/admin/v1/accounts/" + accountId + "/credits", "{\"amount\":5}", 200, admin);
    call("POST", "/admin/v1/accounts/" + accountId + "/credits", "{\"amount\":\"x\"}", 400, admin);
    call("GET", "/admin/v1/accounts/" + accountId + "/ledger", null, 200, admin);
    call("GET", "/admin/v1/accounts/" + accountId + "/ledger?limit=x", null, 400, admin);
    String keyId =
        call("POST", "/admin/v1/accounts/" + accountId + "/keys", null, 201, admin)
            .json()
            .get("keyId")
            .stringValue();
    call("GET", "/admin/v1/accounts/" + accountId + "/keys", null, 200, admin);
    call(
        "PUT",
        "/admin/v1/keys/" + keyId + "/limits",
        "{\"model\":\"sora-2\",\"requestsPerMinute\":5,\"concurrentTasks\":2}",
        200,
        admin);
    call("PUT", "/admin/v1/keys/" + keyId + "/limits", "{\"model\":\"sora-2\"}", 400, admin);
    call("GET", "/admin/v1/keys/" + keyId + "/limits", null, 200, admin);
    call("GET", "/admin/v1/keys/key_missing/limits", null, 404, admin);
    call("DELETE", "/admin/v1/keys/" + keyId, null, 204, admin);
    call("DELETE", "/admin/v1/keys/key_missing", null, 404, admin);
    call("GET", "/admin/v1/channels", null, 200, admin);

    // the reference itself
    call("GET", "/openapi.json", null, 200);
    call("GET", "/docs", null, 200);
    assertThat(Http.send("GET", base() + "/docs/", null).text()).contains("openapi.json");

    assertThat(problems).as("answers that do not fit the document").isEmpty();
    Set<OpenApiDocument.Operation> never = new LinkedHashSet<>(doc.operations());
    never.removeAll(answered);
    assertThat(never).as("documented operations no request reached").isEmpty();
  }

  /**
   * Sends a request, checks its answer against the document and returns it; {@code expected} -1
   * takes any documented status (for a race the test does not decide, such as a cancel).
   */
  Http.Response call(String method, String path, String body, int expected, String... headers) {
    Http.Response r = Http.send(method, base() + path, body, headers);
    String bare = URI.create(base() + path).getPath();
    var op = doc.match(method.toLowerCase(Locale.ROOT), bare);
    if (op.isEmpty()) {
      problems.add(method + " " + bare + " matches no documented operation");
      return r;
    }
    answered.add(op.get());
    if (expected != -1 && r.status() != expected) {
      problems.add(
          op.get()
              + " "
              + path
              + " answered "
              + r.status()
              + ", not "
              + expected
              + ": "
              + r.text());
    }
    problems.addAll(doc.problems(op.get(), r));
    return r;
  }

  /** Opens an event stream, checks its status and content type, and closes it. */
  void stream(String path, int expected, String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<java.io.InputStream> r =
          client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] body = r.statusCode() == 200 ? new byte[0] : r.body().readAllBytes();
      r.body().close();
      Http.Response answer = new Http.Response(r.statusCode(), r.headers().map(), body);
      var op = doc.match("get", path).orElseThrow();
      answered.add(op);
      if (r.statusCode() != expected) {
        problems.add(op + " answered " + r.statusCode() + ", not " + expected);
      }
      problems.addAll(doc.problems(op, answer));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
