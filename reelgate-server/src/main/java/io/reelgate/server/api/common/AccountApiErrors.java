package io.reelgate.server.api.common;

import io.reelgate.server.access.AuthThrottledException;
import io.reelgate.server.task.TaskNotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The errors of the key holder's account endpoints (webhooks and credits) in their {@code
 * {"code","message","data"}} envelope.
 */
@RestControllerAdvice(assignableTypes = {WebhooksController.class, CreditsController.class})
class AccountApiErrors {

  @ExceptionHandler(UnauthenticatedException.class)
  ResponseEntity<Map<String, Object>> unauthenticated(UnauthenticatedException e) {
    return envelope(401, "Invalid or missing API Key", null);
  }

  @ExceptionHandler(AuthThrottledException.class)
  ResponseEntity<Map<String, Object>> throttled(AuthThrottledException e) {
    ResponseEntity<Map<String, Object>> answer = envelope(429, e.getMessage(), null);
    return ResponseEntity.status(429)
        .headers(answer.getHeaders())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .body(answer.getBody());
  }

  @ExceptionHandler(WebhooksController.Refusal.class)
  ResponseEntity<Map<String, Object>> refused(WebhooksController.Refusal e) {
    return envelope(e.code(), e.getMessage(), null);
  }

  @ExceptionHandler(TaskNotFoundException.class)
  ResponseEntity<Map<String, Object>> notFound(TaskNotFoundException e) {
    return envelope(404, "Task not found", null);
  }

  /** An answer in the envelope, with {@code code} as its HTTP status too. */
  static ResponseEntity<Map<String, Object>> envelope(int code, String message, Object data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    body.put("data", data);
    return ResponseEntity.status(code).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
