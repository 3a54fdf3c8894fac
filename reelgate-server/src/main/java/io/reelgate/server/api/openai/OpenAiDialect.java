package io.reelgate.server.api.openai;

import static io.reelgate.server.api.openai.OpenAiVideoStates.errorOf;
import static io.reelgate.server.api.openai.OpenAiVideoStates.progressOf;
import static io.reelgate.server.api.openai.OpenAiVideoStates.statusOf;

import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.image.ImageInfo;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.Ids;
import io.reelgate.server.access.AuthThrottledException;
import io.reelgate.server.api.common.BodyTooLargeException;
import io.reelgate.server.api.common.Dialect;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.MalformedBodyException;
import io.reelgate.server.api.common.NoRouteException;
import io.reelgate.server.api.common.ParsedRequest;
import io.reelgate.server.api.common.UnauthenticatedException;
import io.reelgate.server.billing.InsufficientCreditsException;
import io.reelgate.server.engine.StorageUnavailableException;
import io.reelgate.server.fetch.ImageFetchException;
import io.reelgate.server.fetch.ImageFetcher;
import io.reelgate.server.limits.LimitExceededException;
import io.reelgate.server.moderation.ContentViolationException;
import io.reelgate.server.moderation.ModerationUnavailableException;
import io.reelgate.server.routing.ParametersRefusedException;
import io.reelgate.server.storage.SignedUrls;
import io.reelgate.server.task.IdempotencyConflictException;
import io.reelgate.server.task.ModelNotFoundException;
import io.reelgate.server.task.ModelUnavailableException;
import io.reelgate.server.task.TaskNotCancellableException;
import io.reelgate.server.task.TaskNotFoundException;
import io.reelgate.server.task.TaskRecord;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI Videos dialect's contract: create bodies in, the video object out (also what its event
 * streams carry), {@code video.completed} / {@code video.failed} events as webhooks, and the one
 * mapping of exceptions to OpenAI's error body with the status codes its SDKs turn into typed
 * exceptions (400 {@code BadRequestError}, 401 {@code AuthenticationError}, 404 {@code
 * NotFoundError}, 409 {@code ConflictError}, 429 {@code RateLimitError}).
 */
@Component
public class OpenAiDialect implements Dialect<OpenAiDialect.Submission> {
  static final String NAME = "openai";
  static final String INVALID_REQUEST = "invalid_request_error";
  private static final Logger log = LoggerFactory.getLogger(OpenAiDialect.class);

  private final ImageFetcher images;
  private final SignedUrls signedUrls;
  private final Clock clock;

  public OpenAiDialect(ImageFetcher images, SignedUrls signedUrls, Clock clock) {
    this.images = images;
    this.signedUrls = signedUrls;
    this.clock = clock;
  }

  /**
   * A create body (JSON, or a form turned into JSON by {@link OpenAiForm}).
   *
   * @param webhookHeader the {@code X-Webhook-URL} header, or null
   */
  public record Submission(ModelSpec spec, JsonNode body, String webhookHeader) {}

  @Override
  public String dialect() {
    return NAME;
  }

  @Override
  public ParsedRequest parse(Submission s) {
    return OpenAiRequests.create(s.spec(), s.body(), s.webhookHeader());
  }

  /** An uploaded reference image, checked like a fetched one, as a {@code data:} URI. */
  String imageToDataUri(byte[] bytes) {
    ImageInfo info;
    try {
      info = images.inspect(bytes);
    } catch (ImageFetchException e) {
      throw new FieldException(
          OpenAiForm.IMAGE_FIELD, "must be a JPEG, PNG or WebP image: " + e.getMessage());
    }
    return "data:"
        + info.format().mediaType()
        + ";base64,"
        + Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public OpenAiBodies.Video status(TaskRecord task) {
    boolean terminal = task.state().isTerminal();
    String size =
        task.outputWidth() != null && task.outputHeight() != null
            ? task.outputWidth() + "x" + task.outputHeight()
            : task.request().size().label();
    return new OpenAiBodies.Video(
        task.id(),
        "video",
        task.model(),
        statusOf(task.state()),
        progressOf(task.state()),
        task.createdAt() / 1000,
        terminal && task.completedAt() != null ? task.completedAt() / 1000 : null,
        // why: a completed video can be downloaded until then; the retention job deletes it then
        task.state() == TaskState.SUCCEEDED
            ? signedUrls.expiresAt(task.completedAt()).getEpochSecond()
            : null,
        task.request().prompt(),
        String.valueOf(task.request().durationSeconds()),
        size,
        task.request().options().get(OpenAiRequests.REMIXED_FROM),
        errorOf(task));
  }

  /** {@code video.completed} or {@code video.failed}, naming the video; the id is the event's. */
  @Override
  public OpenAiBodies.Event payload(TaskRecord task) {
    long at = task.completedAt() == null ? clock.millis() : task.completedAt();
    return new OpenAiBodies.Event(
        Ids.timeOrdered("evt_", clock.millis()),
        "event",
        at / 1000,
        task.state() == TaskState.SUCCEEDED ? "video.completed" : "video.failed",
        new OpenAiBodies.EventData(task.id()));
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/v1/");
  }

  @Override
  public ResponseEntity<Object> error(Throwable e) {
    return switch (e) {
      case OpenAiException x -> error(x.status(), x.type(), x.param(), x.code(), x.getMessage());
      case NoRouteException x ->
          error(
              x.status(),
              x.status() >= 500 ? "server_error" : INVALID_REQUEST,
              null,
              null,
              x.getMessage());
      case UnauthenticatedException x ->
          error(
              401,
              INVALID_REQUEST,
              null,
              "invalid_api_key",
              "Incorrect or missing API key: send a Reelgate API key as Authorization: Bearer"
                  + " <key>");
      case AuthThrottledException x ->
          ResponseEntity.status(429)
              .contentType(MediaType.APPLICATION_JSON)
              .header(HttpHeaders.RETRY_AFTER, Long.toString(x.retryAfterSeconds()))
              .header("retry-after-ms", Long.toString(x.retryAfterSeconds() * 1000))
              .body(body("requests", null, "rate_limit_exceeded", x.getMessage()));
      case FieldException x -> error(400, INVALID_REQUEST, x.field(), null, x.getMessage());
      case InvalidRequestException x -> {
        String param = OpenAiWireNames.of(x.field());
        yield error(400, INVALID_REQUEST, param, null, param + " " + x.problem());
      }
      case ParametersRefusedException x -> {
        String param =
            x.field()
                .map(f -> OpenAiWireNames.of(f) != null ? OpenAiWireNames.of(f) : wireWord(f))
                .orElseGet(() -> x.option().orElse(null));
        yield error(400, INVALID_REQUEST, param, null, param + " " + x.problem());
      }
      case MalformedBodyException x -> error(400, INVALID_REQUEST, null, null, x.getMessage());
      case BodyTooLargeException x ->
          error(
              413,
              INVALID_REQUEST,
              null,
              "request_too_large",
              "The JSON body must be at most 1 MiB; upload images as multipart/form-data");
      case InsufficientCreditsException x ->
          ResponseEntity.status(429)
              .contentType(MediaType.APPLICATION_JSON)
              .header("x-should-retry", "false")
              .body(
                  body(
                      "insufficient_quota",
                      null,
                      "insufficient_quota",
                      "Your account does not have enough credits for this video"));
      case ContentViolationException x ->
          error(
              400,
              INVALID_REQUEST,
              "prompt",
              "moderation_blocked",
              ContentViolationException.CLIENT_MESSAGE);
      case StorageUnavailableException x ->
          error(
              503,
              "server_error",
              null,
              "storage_unavailable",
              "Result storage is unavailable, please retry later");
      case ModerationUnavailableException x ->
          error(
              503,
              "server_error",
              null,
              "moderation_unavailable",
              "Content moderation is unavailable, please retry later");
      case LimitExceededException x ->
          ResponseEntity.status(429)
              .contentType(MediaType.APPLICATION_JSON)
              .header(HttpHeaders.RETRY_AFTER, Long.toString(x.retryAfterSeconds()))
              .header("retry-after-ms", Long.toString(x.retryAfterSeconds() * 1000))
              .body(
                  body(
                      "requests",
                      null,
                      "rate_limit_exceeded",
                      "Rate limit exceeded: " + x.getMessage()));
      case IdempotencyConflictException x ->
          ResponseEntity.status(409)
              .contentType(MediaType.APPLICATION_JSON)
              .header("x-should-retry", "false")
              .body(body(INVALID_REQUEST, null, "idempotency_key_reused", x.getMessage()));
      case TaskNotCancellableException x ->
          ResponseEntity.status(409)
              .contentType(MediaType.APPLICATION_JSON)
              .header(HttpHeaders.RETRY_AFTER, "1")
              .body(
                  body(
                      INVALID_REQUEST,
                      null,
                      "video_busy",
                      "The video is being stored; it can be deleted in a moment"));
      case ModelNotFoundException x ->
          error(
              404,
              INVALID_REQUEST,
              "model",
              "model_not_found",
              "The model '" + cut(x.model()) + "' does not exist; GET /v1/models lists the models");
      case ModelUnavailableException x ->
          error(400, INVALID_REQUEST, "model", "model_unavailable", x.getMessage());
      case TaskNotFoundException x ->
          error(
              404,
              INVALID_REQUEST,
              null,
              "video_not_found",
              "No video with this id exists for this API key");
      case ErrorResponse x ->
          error(
              x.getStatusCode().value(),
              INVALID_REQUEST,
              null,
              null,
              x.getBody().getDetail() == null ? "Bad request" : x.getBody().getDetail());
      default -> {
        log.error("OpenAI Videos request failed", e);
        yield error(500, "server_error", null, null, "Internal error, please retry later");
      }
    };
  }

  private static String cut(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "…" : text;
  }

  private static OpenAiBodies.Error body(String type, String param, String code, String message) {
    return new OpenAiBodies.Error(new OpenAiBodies.ErrorDetail(message, type, param, code));
  }

  static ResponseEntity<Object> error(
      int status, String type, String param, String code, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body(type, param, code, message));
  }

  /** A normalized field this dialect has no wire name for, in lower case ({@code seed}). */
  private static String wireWord(io.reelgate.core.request.RequestField field) {
    return field.name().toLowerCase(java.util.Locale.ROOT);
  }
}
