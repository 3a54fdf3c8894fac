package io.reelgate.server.api.pixazo;

import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.RequestField;
import io.reelgate.server.Ids;
import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.access.Caller;
import io.reelgate.server.api.common.Fields;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.IdempotencyKeyHeader;
import io.reelgate.server.api.common.JsonBodies;
import io.reelgate.server.api.common.StatusBodies;
import io.reelgate.server.bootstrap.PublicUrls;
import io.reelgate.server.fetch.ImageFetchException;
import io.reelgate.server.fetch.ImageFetcher;
import io.reelgate.server.storage.SignedUrls;
import io.reelgate.server.task.SubmitCommand;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The Pixazo Sora-video API and the universal status endpoint. It only translates the wire format;
 * tasks are the task core's, so a status read finds any task of the caller's account.
 */
@RestController
public class PixazoController {
  static final String DIALECT = "pixazo";
  static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";
  static final String ID_PREFIX = "sora-video_";
  static final String STATUS_PATH = "/v2/requests/status/";

  private final TaskService tasks;
  private final ApiKeys apiKeys;
  private final JsonBodies bodies;
  private final ImageFetcher images;
  private final PublicUrls publicUrls;
  private final PixazoViews views;
  private final Clock clock;
  private final StatusBodies statusBodies;

  public PixazoController(
      TaskService tasks,
      ApiKeys apiKeys,
      JsonBodies bodies,
      ImageFetcher images,
      PublicUrls publicUrls,
      SignedUrls signedUrls,
      Clock clock,
      StatusBodies statusBodies) {
    this.tasks = tasks;
    this.apiKeys = apiKeys;
    this.bodies = bodies;
    this.images = images;
    this.publicUrls = publicUrls;
    this.views = new PixazoViews(signedUrls, clock);
    this.clock = clock;
    this.statusBodies = statusBodies;
  }

  @PostMapping("/sora-video/v1/video/generate")
  public ResponseEntity<Map<String, Object>> generate(
      @RequestHeader(name = KEY_HEADER, required = false) String key,
      @RequestHeader(name = PixazoRequestParser.WEBHOOK_HEADER, required = false) String webhook,
      @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String idempotencyKey,
      HttpServletRequest http) {
    Caller caller = authenticate(key);
    String idempotency = IdempotencyKeyHeader.check(idempotencyKey);
    JsonNode body = bodies.readObject(http);
    ModelSpec spec = tasks.modelForNewTask(PixazoRequestParser.model(body));
    return accept(caller, PixazoRequestParser.textToVideo(spec, body, webhook), idempotency);
  }

  @PostMapping("/sora-video/v1/video/i2v/generate")
  public ResponseEntity<Map<String, Object>> imageToVideo(
      @RequestHeader(name = KEY_HEADER, required = false) String key,
      @RequestHeader(name = PixazoRequestParser.WEBHOOK_HEADER, required = false) String webhook,
      @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String idempotencyKey,
      HttpServletRequest http) {
    Caller caller = authenticate(key);
    String idempotency = IdempotencyKeyHeader.check(idempotencyKey);
    JsonNode body = bodies.readObject(http);
    ModelSpec spec = tasks.modelForNewTask(PixazoRequestParser.model(body));
    return accept(
        caller,
        PixazoRequestParser.imageToVideo(spec, body, webhook, this::inspectImage),
        idempotency);
  }

  /**
   * The universal status object, made once per change of the task; with the {@code ETag} of the
   * last answer in {@code If-None-Match}, a poller gets {@code 304} while nothing changed.
   */
  @GetMapping(STATUS_PATH + "{requestId}")
  public ResponseEntity<byte[]> status(
      @PathVariable String requestId,
      @RequestHeader(name = KEY_HEADER, required = false) String key,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    Caller caller = authenticate(key);
    return statusBodies.answer(
        "pixazo", caller.accountId(), requestId.trim(), ifNoneMatch, views::status);
  }

  @PostMapping("/sora-video/v1/video/result")
  public ResponseEntity<Map<String, Object>> result(
      @RequestHeader(name = KEY_HEADER, required = false) String key, HttpServletRequest http) {
    Caller caller = authenticate(key);
    JsonNode body = bodies.readObject(http);
    String videoId = Fields.string(body, "video_id", "video_id");
    if (videoId == null || videoId.isBlank()) {
      throw new FieldException("video_id", "is required");
    }
    return ok(views.result(tasks.find(caller.accountId(), videoId.trim())));
  }

  private ResponseEntity<Map<String, Object>> accept(
      Caller caller, PixazoRequest parsed, String idempotencyKey) {
    String requestId = ID_PREFIX + Ids.uuidV7(clock.millis());
    TaskRecord task;
    try {
      task =
          tasks.submit(
              new SubmitCommand(
                  caller,
                  DIALECT,
                  requestId,
                  parsed.request(),
                  parsed.callbackUrl(),
                  idempotencyKey));
    } catch (InvalidRequestException e) {
      if (e.field() == RequestField.CALLBACK && parsed.callbackSource() != null) {
        throw new FieldException(parsed.callbackSource(), e.problem());
      }
      throw e;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("request_id", task.id());
    body.put("status", "QUEUED");
    body.put("polling_url", publicUrls.base() + STATUS_PATH + task.id());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }

  /** Fetches an input image now, because its dimensions decide whether the request is valid. */
  private ImageInfo inspectImage(String url) {
    try {
      return images.fetch(url).info();
    } catch (ImageFetchException e) {
      throw new FieldException("image", "cannot be used: " + e.getMessage());
    }
  }

  private Caller authenticate(String key) {
    if (key == null || key.isBlank()) {
      throw PixazoException.unauthorized();
    }
    return apiKeys.authenticate(key.trim()).orElseThrow(PixazoException::unauthorized);
  }

  private static ResponseEntity<Map<String, Object>> ok(Map<String, Object> body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
