package io.reelgate.server.api.common;

import io.reelgate.server.task.TaskRecord;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;

/**
 * One dialect's status read, as {@link StatusReads} answers it before Spring MVC: which requests
 * are plain reads of it, and how its body is made. A route recognises only the plain case (the
 * method, an exact path, the parameters present once); everything else — and every answer other
 * than 200 or 304 — is left to the dialect's controller, which answers it as before.
 */
public interface StatusRoute {
  /** The read a request asks for, or null when it is not a plain read of this route. */
  Read match(HttpServletRequest request);

  /**
   * A plain status read.
   *
   * @param view the name of the body in {@link StatusBodies} (and in its {@code ETag}), the same
   *     one the controller uses
   * @param pattern the controller's path pattern, for the request metrics
   * @param from the header that carries the API key
   * @param taskId the task asked for
   * @param render the dialect's status body of a task, the same function the controller uses
   */
  record Read(
      String view,
      String pattern,
      CallingKey.From from,
      String taskId,
      Function<TaskRecord, Object> render) {}

  /** The one segment after {@code prefix} in a path without escapes, or null. */
  static String lastSegment(HttpServletRequest request, String prefix) {
    if (!"GET".equals(request.getMethod()) || !request.getContextPath().isEmpty()) {
      return null;
    }
    String uri = request.getRequestURI();
    if (uri == null || !uri.startsWith(prefix) || uri.length() == prefix.length()) {
      return null;
    }
    for (int i = prefix.length(); i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '/' || c == '%' || c == ';') {
        return null;
      }
    }
    return uri.substring(prefix.length());
  }

  /** A query parameter given exactly once, or null. */
  static String single(HttpServletRequest request, String name) {
    String[] values = request.getParameterValues(name);
    return values == null || values.length != 1 ? null : values[0];
  }
}
