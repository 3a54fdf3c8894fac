package io.reelgate.server.api.apixo;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Hands every exception of the APIXO endpoints to {@link ApixoDialect#error}, the one mapping. */
@RestControllerAdvice(
    assignableTypes = {
      ApixoController.class,
      ApixoCatalogController.class,
      ApixoTaskController.class
    })
class ApixoExceptionHandler {
  private final ApixoDialect dialect;

  ApixoExceptionHandler(ApixoDialect dialect) {
    this.dialect = dialect;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> any(Exception e) {
    return dialect.error(e);
  }
}
