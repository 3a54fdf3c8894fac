package io.reelgate.server.api.apixo;

import io.reelgate.core.ReelgateException;

/** An APIXO error envelope to answer with: the HTTP status equals {@code code}. */
class ApixoException extends ReelgateException {
  private final int code;

  ApixoException(int code, String message) {
    super(message, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}
