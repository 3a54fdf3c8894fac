package io.reelgate.server.api.admin;

import io.reelgate.core.ReelgateException;

/** An admin API error: HTTP status, a machine-readable {@code error} and a message. */
class AdminException extends ReelgateException {
  private final int status;
  private final String error;

  AdminException(int status, String error, String message) {
    super(message, false);
    this.status = status;
    this.error = error;
  }

  static AdminException invalid(String field, String problem) {
    return new AdminException(400, "invalid_request", field + " " + problem);
  }

  static AdminException notFound(String what) {
    return new AdminException(404, "not_found", what + " does not exist");
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }
}
