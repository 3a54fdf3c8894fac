package io.reelgate.server.api.apixo;

import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.server.api.common.BodyTooLargeException;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.MalformedBodyException;
import io.reelgate.server.billing.InsufficientCreditsException;
import io.reelgate.server.limits.LimitExceededException;
import io.reelgate.server.moderation.ContentViolationException;
import io.reelgate.server.moderation.ModerationUnavailableException;
import io.reelgate.server.task.IdempotencyConflictException;
import io.reelgate.server.task.ModelNotFoundException;
import io.reelgate.server.task.ModelUnavailableException;
import io.reelgate.server.task.TaskNotCancellableException;
import io.reelgate.server.task.TaskNotFoundException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The one place where exceptions become APIXO error envelopes. */
@RestControllerAdvice(assignableTypes = ApixoController.class)
class ApixoExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApixoExceptionHandler.class);

  @ExceptionHandler(ApixoException.class)
  ResponseEntity<Map<String, Object>> apixo(ApixoException e) {
    return ApixoEnvelopes.error(e.code(), e.getMessage());
  }

  @ExceptionHandler(FieldException.class)
  ResponseEntity<Map<String, Object>> field(FieldException e) {
    return ApixoEnvelopes.error(400, e.getMessage());
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidRequestException e) {
    return ApixoEnvelopes.error(400, ApixoWireNames.of(e.field(), null, null) + " " + e.problem());
  }

  @ExceptionHandler(MalformedBodyException.class)
  ResponseEntity<Map<String, Object>> malformed(MalformedBodyException e) {
    return ApixoEnvelopes.error(400, "Invalid parameters: " + e.getMessage());
  }

  @ExceptionHandler(BodyTooLargeException.class)
  ResponseEntity<Map<String, Object>> tooLarge(BodyTooLargeException e) {
    return ApixoEnvelopes.error(413, "Request body too large: at most 1 MiB");
  }

  @ExceptionHandler(InsufficientCreditsException.class)
  ResponseEntity<Map<String, Object>> credits(InsufficientCreditsException e) {
    return ApixoEnvelopes.error(400, "Insufficient credits");
  }

  @ExceptionHandler(ContentViolationException.class)
  ResponseEntity<Map<String, Object>> content(ContentViolationException e) {
    return ApixoEnvelopes.error(400, ContentViolationException.CLIENT_MESSAGE);
  }

  @ExceptionHandler(ModerationUnavailableException.class)
  ResponseEntity<Map<String, Object>> moderationDown(ModerationUnavailableException e) {
    return ApixoEnvelopes.error(503, "Content moderation is unavailable, please retry later");
  }

  @ExceptionHandler(LimitExceededException.class)
  ResponseEntity<Map<String, Object>> limit(LimitExceededException e) {
    ResponseEntity<Map<String, Object>> answer =
        ApixoEnvelopes.error(429, "Rate limit exceeded: " + e.getMessage());
    return ResponseEntity.status(answer.getStatusCode())
        .headers(answer.getHeaders())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .body(answer.getBody());
  }

  @ExceptionHandler(IdempotencyConflictException.class)
  ResponseEntity<Map<String, Object>> idempotency(IdempotencyConflictException e) {
    return ApixoEnvelopes.error(409, e.getMessage());
  }

  @ExceptionHandler(TaskNotCancellableException.class)
  ResponseEntity<Map<String, Object>> notCancellable(TaskNotCancellableException e) {
    return ApixoEnvelopes.error(409, e.getMessage());
  }

  @ExceptionHandler(ModelNotFoundException.class)
  ResponseEntity<Map<String, Object>> model(ModelNotFoundException e) {
    return ApixoEnvelopes.error(404, "Model '" + e.model() + "' not found");
  }

  @ExceptionHandler(ModelUnavailableException.class)
  ResponseEntity<Map<String, Object>> retired(ModelUnavailableException e) {
    return ApixoEnvelopes.error(400, e.getMessage());
  }

  @ExceptionHandler(TaskNotFoundException.class)
  ResponseEntity<Map<String, Object>> task(TaskNotFoundException e) {
    return ApixoEnvelopes.error(404, "Task not found");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    log.error("APIXO request failed", e);
    return ApixoEnvelopes.error(500, "Internal error, please retry later");
  }
}
