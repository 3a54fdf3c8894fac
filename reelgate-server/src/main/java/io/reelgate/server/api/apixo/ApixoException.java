package io.reelgate.server.api.apixo;

/** An APIXO error envelope to answer with: the HTTP status equals {@code code}. */
class ApixoException extends RuntimeException {
  private final int code;

  ApixoException(int code, String message) {
    super(message);
    this.code = code;
  }

  int code() {
    return code;
  }
}
