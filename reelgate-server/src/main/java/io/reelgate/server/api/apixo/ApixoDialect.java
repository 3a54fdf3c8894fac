package io.reelgate.server.api.apixo;

import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.access.AuthThrottledException;
import io.reelgate.server.api.apixo.ApixoBodies.Envelope;
import io.reelgate.server.api.common.BodyTooLargeException;
import io.reelgate.server.api.common.Dialect;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.MalformedBodyException;
import io.reelgate.server.api.common.NoRouteException;
import io.reelgate.server.api.common.ParsedRequest;
import io.reelgate.server.api.common.UnauthenticatedException;
import io.reelgate.server.billing.InsufficientCreditsException;
import io.reelgate.server.engine.StorageUnavailableException;
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
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The APIXO task dialect's contract: {@code generateTask} bodies in, the {@code statusTask}
 * envelope out (which is also the webhook body and the event body), and the one mapping of
 * exceptions to APIXO error envelopes.
 */
@Component
public class ApixoDialect implements Dialect<ApixoDialect.Submission> {
  static final String NAME = "apixo";
  private static final Logger log = LoggerFactory.getLogger(ApixoDialect.class);

  private final SignedUrls signedUrls;
  private final ObjectMapper mapper;

  public ApixoDialect(SignedUrls signedUrls, ObjectMapper mapper) {
    this.signedUrls = signedUrls;
    this.mapper = mapper;
  }

  /** A {@code generateTask} or {@code estimate} body for a model of the catalog. */
  public record Submission(ModelSpec spec, JsonNode body) {}

  @Override
  public String dialect() {
    return NAME;
  }

  @Override
  public ParsedRequest parse(Submission submission) {
    return ApixoRequestParser.parse(submission.spec(), submission.body());
  }

  @Override
  public Envelope status(TaskRecord task) {
    return Envelope.ok(statusData(task, false));
  }

  @Override
  public Envelope payload(TaskRecord task) {
    return status(task);
  }

  /** The {@code data} of a status answer; with {@code withModel}, as a task list shows it. */
  ApixoBodies.Status statusData(TaskRecord task, boolean withModel) {
    String model = withModel ? task.model() : null;
    String state = stateOf(task.state());
    return switch (task.state()) {
      case SUCCEEDED -> {
        boolean expired = task.resultExpiredAt() != null;
        List<String> urls =
            expired ? List.of() : List.of(signedUrls.urlFor(task.resultKey(), task.completedAt()));
        yield new ApixoBodies.Status(
            task.id(),
            model,
            state,
            task.createdAt(),
            mapper.writeValueAsString(Map.of("resultUrls", urls)),
            null,
            null,
            task.completedAt(),
            task.completedAt() - task.createdAt(),
            signedUrls.expiresAt(task.completedAt()).toEpochMilli(),
            expired);
      }
      case FAILED, CANCELLED ->
          new ApixoBodies.Status(
              task.id(),
              model,
              state,
              task.createdAt(),
              null,
              task.failureCode() == null ? "CANCELLED" : task.failureCode().name(),
              task.failureMessage() == null ? "cancelled" : task.failureMessage(),
              task.completedAt(),
              null,
              null,
              null);
      default ->
          new ApixoBodies.Status(
              task.id(), model, state, task.createdAt(), null, null, null, null, null, null, null);
    };
  }

  static String stateOf(TaskState state) {
    return switch (state) {
      case QUEUED -> "pending";
      case RUNNING, STORING -> "processing";
      case SUCCEEDED -> "success";
      case FAILED, CANCELLED -> "failed";
    };
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/api/");
  }

  @Override
  public ResponseEntity<Object> error(Throwable e) {
    return switch (e) {
      case ApixoException x -> envelope(x.code(), x.getMessage());
      case NoRouteException x -> envelope(x.status(), x.getMessage());
      case UnauthenticatedException x -> envelope(401, "Invalid or missing API Key");
      case AuthThrottledException x ->
          ResponseEntity.status(429)
              .contentType(MediaType.APPLICATION_JSON)
              .header(HttpHeaders.RETRY_AFTER, Long.toString(x.retryAfterSeconds()))
              .body(new Envelope(429, x.getMessage(), null));
      case FieldException x -> envelope(400, x.getMessage());
      case InvalidRequestException x ->
          envelope(400, ApixoWireNames.of(x.field(), null, null) + " " + x.problem());
      case ParametersRefusedException x ->
          envelope(
              400,
              x.field()
                      .map(f -> ApixoWireNames.of(f, x.family(), x.kind()))
                      .orElseGet(() -> "input." + x.option().orElse("input"))
                  + " "
                  + x.problem());
      case MalformedBodyException x -> envelope(400, "Invalid parameters: " + x.getMessage());
      case BodyTooLargeException x -> envelope(413, "Request body too large: at most 1 MiB");
      case InsufficientCreditsException x -> envelope(400, "Insufficient credits");
      case ContentViolationException x -> envelope(400, ContentViolationException.CLIENT_MESSAGE);
      case StorageUnavailableException x ->
          envelope(503, "Result storage is unavailable, please retry later");
      case ModerationUnavailableException x ->
          envelope(503, "Content moderation is unavailable, please retry later");
      case LimitExceededException x ->
          ResponseEntity.status(429)
              .contentType(MediaType.APPLICATION_JSON)
              .header(HttpHeaders.RETRY_AFTER, Long.toString(x.retryAfterSeconds()))
              .body(new Envelope(429, "Rate limit exceeded: " + x.getMessage(), null));
      case IdempotencyConflictException x -> envelope(409, x.getMessage());
      case TaskNotCancellableException x -> envelope(409, x.getMessage());
      case ModelNotFoundException x -> envelope(404, "Model '" + cut(x.model()) + "' not found");
      case ModelUnavailableException x -> envelope(400, x.getMessage());
      case TaskNotFoundException x -> envelope(404, "Task not found");
      default -> {
        log.error("APIXO request failed", e);
        yield envelope(500, "Internal error, please retry later");
      }
    };
  }

  /** A name the client sent, echoed in a message: at most 100 characters of it. */
  private static String cut(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "…" : text;
  }

  static ResponseEntity<Object> envelope(int code, String message) {
    return ResponseEntity.status(code)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new Envelope(code, message, null));
  }
}
