package io.reelgate.server.api.openai;

import io.reelgate.core.ReelgateException;

/** An OpenAI-shaped error to answer with. */
class OpenAiException extends ReelgateException {
  private final int status;
  private final String type;
  private final String param;
  private final String code;

  OpenAiException(int status, String type, String param, String code, String message) {
    super(message, false);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  /** A 400 {@code invalid_request_error} naming a request field. */
  static OpenAiException invalid(String param, String code, String message) {
    return new OpenAiException(400, OpenAiDialect.INVALID_REQUEST, param, code, message);
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  String param() {
    return param;
  }

  String code() {
    return code;
  }
}
