package io.reelgate.server.api.pixazo;

import io.reelgate.core.request.InvalidRequestException;
import io.reelgate.server.api.common.BodyTooLargeException;
import io.reelgate.server.api.common.Fields.FieldException;
import io.reelgate.server.api.common.MalformedBodyException;
import io.reelgate.server.billing.InsufficientCreditsException;
import io.reelgate.server.task.ModelNotFoundException;
import io.reelgate.server.task.ModelUnavailableException;
import io.reelgate.server.task.TaskNotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The one place where exceptions become Pixazo {@code {"error","message"}} bodies. */
@RestControllerAdvice(assignableTypes = PixazoController.class)
class PixazoExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(PixazoExceptionHandler.class);

  @ExceptionHandler(PixazoException.class)
  ResponseEntity<Map<String, Object>> pixazo(PixazoException e) {
    return error(e.status(), e.error(), e.getMessage());
  }

  @ExceptionHandler(FieldException.class)
  ResponseEntity<Map<String, Object>> field(FieldException e) {
    return badRequest(e.getMessage());
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidRequestException e) {
    return badRequest(PixazoRequestParser.wireName(e.field()) + " " + e.problem());
  }

  @ExceptionHandler(MalformedBodyException.class)
  ResponseEntity<Map<String, Object>> malformed(MalformedBodyException e) {
    return badRequest(e.getMessage());
  }

  @ExceptionHandler(BodyTooLargeException.class)
  ResponseEntity<Map<String, Object>> tooLarge(BodyTooLargeException e) {
    return error(413, "Payload Too Large", "The request body must be at most 1 MiB");
  }

  @ExceptionHandler(InsufficientCreditsException.class)
  ResponseEntity<Map<String, Object>> credits(InsufficientCreditsException e) {
    return error(402, "Insufficient Balance", "Your wallet does not have enough balance.");
  }

  @ExceptionHandler(ModelNotFoundException.class)
  ResponseEntity<Map<String, Object>> model(ModelNotFoundException e) {
    return pixazo(PixazoException.modelNotFound(e.model()));
  }

  @ExceptionHandler(ModelUnavailableException.class)
  ResponseEntity<Map<String, Object>> retired(ModelUnavailableException e) {
    return error(400, "Model unavailable", e.getMessage());
  }

  @ExceptionHandler(TaskNotFoundException.class)
  ResponseEntity<Map<String, Object>> task(TaskNotFoundException e) {
    return error(404, "Not Found", "No request with this id exists for this subscription key");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    log.error("Pixazo request failed", e);
    return error(500, "Internal Server Error", "Internal error, please retry later");
  }

  private static ResponseEntity<Map<String, Object>> badRequest(String message) {
    return error(400, "Bad Request", message);
  }

  private static ResponseEntity<Map<String, Object>> error(
      int status, String error, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("message", message);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
