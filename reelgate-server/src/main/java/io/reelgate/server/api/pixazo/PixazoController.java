package io.reelgate.server.api.pixazo;

import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.request.RequestField;
import io.reelgate.server.Ids;
import io.reelgate.server.access.Caller;
import io.reelgate.server.api.common.CallingKey;
import io.reelgate.server.api.common.Fields;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.IdempotencyKeyHeader;
import io.reelgate.server.api.common.JsonBodies;
import io.reelgate.server.api.common.ParsedRequest;
import io.reelgate.server.api.common.StatusBodies;
import io.reelgate.server.bootstrap.PublicUrls;
import io.reelgate.server.task.SubmitCommand;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The Pixazo Sora-video API and the universal status endpoint. It only translates the wire format
 * through {@link PixazoDialect}; tasks are the task core's, so a status read finds any task of the
 * caller's account.
 */
@RestController
public class PixazoController {
  static final String ID_PREFIX = "sora-video_";
  static final String STATUS_PATH = "/v2/requests/status/";

  private final TaskService tasks;
  private final PixazoDialect dialect;
  private final JsonBodies bodies;
  private final PublicUrls publicUrls;
  private final Clock clock;
  private final StatusBodies statusBodies;

  public PixazoController(
      TaskService tasks,
      PixazoDialect dialect,
      JsonBodies bodies,
      PublicUrls publicUrls,
      Clock clock,
      StatusBodies statusBodies) {
    this.tasks = tasks;
    this.dialect = dialect;
    this.bodies = bodies;
    this.publicUrls = publicUrls;
    this.clock = clock;
    this.statusBodies = statusBodies;
  }

  @PostMapping("/sora-video/v1/video/generate")
  public ResponseEntity<PixazoBodies.Accepted> generate(
      @CallingKey(CallingKey.From.SUBSCRIPTION_KEY) Caller caller,
      @RequestHeader(name = PixazoRequestParser.WEBHOOK_HEADER, required = false) String webhook,
      @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String idempotencyKey,
      HttpServletRequest http) {
    return submit(caller, false, webhook, idempotencyKey, http);
  }

  @PostMapping("/sora-video/v1/video/i2v/generate")
  public ResponseEntity<PixazoBodies.Accepted> imageToVideo(
      @CallingKey(CallingKey.From.SUBSCRIPTION_KEY) Caller caller,
      @RequestHeader(name = PixazoRequestParser.WEBHOOK_HEADER, required = false) String webhook,
      @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String idempotencyKey,
      HttpServletRequest http) {
    return submit(caller, true, webhook, idempotencyKey, http);
  }

  /**
   * The universal status object, made once per change of the task; with the {@code ETag} of the
   * last answer in {@code If-None-Match}, a poller gets {@code 304} while nothing changed.
   */
  @GetMapping(STATUS_PATH + "{requestId}")
  public ResponseEntity<byte[]> status(
      @PathVariable String requestId,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
      @CallingKey(CallingKey.From.SUBSCRIPTION_KEY) Caller caller) {
    return statusBodies.answer(
        "pixazo", caller.accountId(), requestId.trim(), ifNoneMatch, dialect::status);
  }

  @PostMapping("/sora-video/v1/video/result")
  public PixazoBodies.Result result(
      @CallingKey(CallingKey.From.SUBSCRIPTION_KEY) Caller caller, HttpServletRequest http) {
    JsonNode body = bodies.readObject(http);
    String videoId = Fields.string(body, "video_id", "video_id");
    if (videoId == null || videoId.isBlank()) {
      throw new FieldException("video_id", "is required");
    }
    return dialect.result(tasks.find(caller.accountId(), videoId.trim()));
  }

  private ResponseEntity<PixazoBodies.Accepted> submit(
      Caller caller,
      boolean imageToVideo,
      String webhook,
      String idempotencyKey,
      HttpServletRequest http) {
    String idempotency = IdempotencyKeyHeader.check(idempotencyKey);
    JsonNode body = bodies.readObject(http);
    ParsedRequest parsed =
        dialect.parse(
            new PixazoDialect.Submission(
                tasks.modelForNewTask(PixazoRequestParser.model(body)),
                body,
                imageToVideo,
                webhook));
    String requestId = ID_PREFIX + Ids.uuidV7(clock.millis());
    TaskRecord task;
    try {
      task =
          tasks.submit(
              new SubmitCommand(
                  caller,
                  PixazoDialect.NAME,
                  requestId,
                  parsed.request(),
                  parsed.callbackUrl(),
                  idempotency));
    } catch (InvalidRequestException e) {
      if (e.field() == RequestField.CALLBACK && parsed.callbackSource() != null) {
        throw new FieldException(parsed.callbackSource(), e.problem());
      }
      throw e;
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(
            new PixazoBodies.Accepted(
                task.id(), "QUEUED", publicUrls.base() + STATUS_PATH + task.id()));
  }
}
