package io.reelgate.server.api.common;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The answer to every request that reached no endpoint (the container's error page, replacing
 * Spring Boot's): unknown paths (404), wrong methods (405) and other refusals made before an
 * endpoint ran. Under a dialect's paths ({@link Dialect#pathPrefixes()}) the dialect's {@link
 * Dialect#error} writes it; anywhere else it is {@code {"error","message"}}. The admin API, when it
 * is off, answers through here too, so its paths answer exactly like any unknown path.
 */
@RestController
public class ErrorAnswers implements ErrorController {
  private final List<Dialect<?>> dialects;

  public ErrorAnswers(List<Dialect<?>> dialects) {
    this.dialects = dialects;
  }

  @RequestMapping("${server.error.path:/error}")
  public ResponseEntity<Object> error(HttpServletRequest request, HttpServletResponse response) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    int status = code instanceof Integer i ? i : 404;
    String path = uri instanceof String s ? s : request.getRequestURI();
    Object original = request.getAttribute(RequestMethodMemo.ATTRIBUTE);
    String method = original instanceof String m ? m : request.getMethod();
    NoRouteException refusal =
        switch (status) {
          case 404 -> NoRouteException.notFound(method, path);
          case 405 ->
              NoRouteException.methodNotAllowed(
                  method, path, response.getHeader(HttpHeaders.ALLOW));
          default -> NoRouteException.other(status, reason(status));
        };
    for (Dialect<?> dialect : dialects) {
      for (String prefix : dialect.pathPrefixes()) {
        if (path.toLowerCase(Locale.ROOT).startsWith(prefix)) {
          return dialect.error(refusal);
        }
      }
    }
    return plain(refusal);
  }

  /** Outside every dialect: {@code {"error","message"}}, as the admin API writes its errors. */
  static ResponseEntity<Object> plain(NoRouteException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "error",
        switch (e.status()) {
          case 404 -> "not_found";
          case 405 -> "method_not_allowed";
          default -> reason(e.status()).toLowerCase(Locale.ROOT).replace(' ', '_');
        });
    body.put("message", e.getMessage());
    return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static String reason(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? "Error" : known.getReasonPhrase();
  }
}
