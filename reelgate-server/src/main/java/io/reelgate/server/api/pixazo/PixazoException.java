package io.reelgate.server.api.pixazo;

import io.reelgate.core.ReelgateException;

/** A Pixazo error to answer with: an HTTP status and the {@code error}/{@code message} pair. */
class PixazoException extends ReelgateException {
  private final int status;
  private final String error;

  PixazoException(int status, String error, String message) {
    super(message, false);
    this.status = status;
    this.error = error;
  }

  static PixazoException unauthorized() {
    return new PixazoException(
        401,
        "Unauthorized",
        "Missing or invalid subscription key: send your API key in the"
            + " Ocp-Apim-Subscription-Key header");
  }

  static PixazoException modelNotFound(String model) {
    return new PixazoException(
        400, "Model not found", "Model '" + model + "' not found or is disabled");
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }
}
