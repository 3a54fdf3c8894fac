package io.reelgate.server.api.admin;

import io.reelgate.server.api.common.BodyTooLargeException;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.MalformedBodyException;
import io.reelgate.server.billing.AccountNotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Admin errors as {@code {"error","message"}}; the message names the field. */
@RestControllerAdvice(
    assignableTypes = {
      AdminController.class,
      AdminKeysController.class,
      AdminListsController.class,
      LateResultsAdminController.class
    })
class AdminExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(AdminExceptionHandler.class);

  @ExceptionHandler(AdminException.class)
  ResponseEntity<Map<String, Object>> admin(AdminException e) {
    return error(e.status(), e.error(), e.getMessage());
  }

  @ExceptionHandler(FieldException.class)
  ResponseEntity<Map<String, Object>> field(FieldException e) {
    return error(400, "invalid_request", e.getMessage());
  }

  @ExceptionHandler(MalformedBodyException.class)
  ResponseEntity<Map<String, Object>> malformed(MalformedBodyException e) {
    return error(400, "invalid_request", e.getMessage());
  }

  @ExceptionHandler(BodyTooLargeException.class)
  ResponseEntity<Map<String, Object>> tooLarge(BodyTooLargeException e) {
    return error(413, "payload_too_large", "the request body must be at most 1 MiB");
  }

  @ExceptionHandler(AccountNotFoundException.class)
  ResponseEntity<Map<String, Object>> account(AccountNotFoundException e) {
    return error(404, "not_found", "account " + e.accountId() + " does not exist");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
      // a request Spring MVC could not map (wrong method, bad parameter type...)
      return error(framework.getStatusCode().value(), "invalid_request", e.getMessage());
    }
    log.error("admin request failed", e);
    return error(500, "internal_error", "internal error, please retry later");
  }

  static ResponseEntity<Map<String, Object>> error(int status, String error, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("message", message);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
