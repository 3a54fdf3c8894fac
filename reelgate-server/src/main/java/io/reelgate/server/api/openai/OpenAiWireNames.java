package io.reelgate.server.api.openai;

import io.reelgate.core.request.RequestField;

/** The OpenAI Videos wire name of each normalized request field. */
final class OpenAiWireNames {
  private OpenAiWireNames() {}

  static String of(RequestField field) {
    return switch (field) {
      case PROMPT -> "prompt";
      case DURATION -> "seconds";
      case SIZE -> "size";
      case IMAGES, KIND -> "input_reference";
      case MODEL -> "model";
      case CALLBACK -> "callback_url";
      case QUALITY, ROUTING, SEED -> null;
    };
  }
}
