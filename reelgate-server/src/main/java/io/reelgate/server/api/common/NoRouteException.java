package io.reelgate.server.api.common;

import io.reelgate.core.ReelgateException;

/**
 * A request that no endpoint takes: an unknown path (404), a method the path does not allow (405),
 * or another refusal the servlet container or Spring made before any endpoint ran. {@link
 * ErrorAnswers} hands it to the dialect whose paths it is under.
 */
public class NoRouteException extends ReelgateException {
  private static final int LONGEST_PATH = 100;

  private final int status;
  private final String allowed;

  private NoRouteException(int status, String message, String allowed) {
    super(message, false);
    this.status = status;
    this.allowed = allowed;
  }

  /** No endpoint has this path. */
  public static NoRouteException notFound(String method, String path) {
    return new NoRouteException(404, "No endpoint " + method + " " + cut(path), null);
  }

  /** The path exists, but not for this method; {@code allowed} is the {@code Allow} header. */
  public static NoRouteException methodNotAllowed(String method, String path, String allowed) {
    return new NoRouteException(
        405,
        method
            + " is not allowed on "
            + cut(path)
            + (allowed == null || allowed.isBlank() ? "" : "; allowed: " + allowed),
        allowed);
  }

  /** Any other status the request was refused with before an endpoint ran. */
  public static NoRouteException other(int status, String reason) {
    return new NoRouteException(status, reason, null);
  }

  /** The HTTP status to answer. */
  public int status() {
    return status;
  }

  /** The methods the path allows (an {@code Allow} header value), or null. */
  public String allowed() {
    return allowed;
  }

  private static String cut(String path) {
    String p = path == null ? "/" : path;
    return p.length() > LONGEST_PATH ? p.substring(0, LONGEST_PATH) + "…" : p;
  }
}
