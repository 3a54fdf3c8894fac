package io.reelgate.server.api.openai;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Hands every exception of the OpenAI endpoints to {@link OpenAiDialect#error}, the one mapping.
 */
@RestControllerAdvice(assignableTypes = OpenAiController.class)
class OpenAiExceptionHandler {
  private final OpenAiDialect dialect;

  OpenAiExceptionHandler(OpenAiDialect dialect) {
    this.dialect = dialect;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> any(Exception e) {
    return dialect.error(e);
  }
}
