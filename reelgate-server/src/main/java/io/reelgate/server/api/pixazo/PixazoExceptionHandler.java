package io.reelgate.server.api.pixazo;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Hands every exception of the Pixazo endpoints to {@link PixazoDialect#error}, the one mapping.
 */
@RestControllerAdvice(assignableTypes = PixazoController.class)
class PixazoExceptionHandler {
  private final PixazoDialect dialect;

  PixazoExceptionHandler(PixazoDialect dialect) {
    this.dialect = dialect;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> any(Exception e) {
    return dialect.error(e);
  }
}
