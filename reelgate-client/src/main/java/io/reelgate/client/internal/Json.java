package io.reelgate.client.internal;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the client: unknown fields are ignored, missing numbers stay null. */
public final class Json {
  /** Reads and writes every body; tolerant of fields newer servers add. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private Json() {}

  /** A text field, or null when absent, null or not text. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    return value.isValueNode() ? value.asString() : value.toString();
  }

  /** A whole-number field, or null when absent or not a number. */
  public static Long number(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || !value.isNumber()) {
      return null;
    }
    return value.asLong();
  }

  /** Reads a JSON text; a body that is not JSON yields null. */
  public static JsonNode parseOrNull(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
