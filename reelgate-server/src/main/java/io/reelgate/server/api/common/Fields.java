package io.reelgate.server.api.common;

import tools.jackson.databind.JsonNode;

/**
 * Typed reads of optional JSON fields, for dialect parsers. A field that is absent or JSON null
 * reads as null; a field of the wrong type is a {@link FieldException} naming it.
 */
public final class Fields {
  private Fields() {}

  /** A bad value of a named wire field. */
  public static class FieldException extends io.reelgate.core.ReelgateException {
    private final String field;

    public FieldException(String field, String problem) {
      super(field + " " + problem, false);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  public static boolean present(JsonNode parent, String name) {
    JsonNode n = parent.get(name);
    return n != null && !n.isNull();
  }

  public static String string(JsonNode parent, String name, String wireName) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isString()) {
      throw new FieldException(wireName, "must be a string");
    }
    return text(n.stringValue(), wireName);
  }

  /**
   * A string value as text the gateway can store and pass on: no NUL characters (PostgreSQL text
   * cannot hold them) and no unpaired surrogates (a {@code \ud800} escape is valid JSON but no
   * Unicode text).
   */
  private static String text(String value, String wireName) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw new FieldException(wireName, "must not contain NUL characters");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new FieldException(wireName, "must be valid Unicode text");
      }
    }
    return value;
  }

  public static Integer integer(JsonNode parent, String name, String wireName) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new FieldException(wireName, "must be an integer");
    }
    return n.intValue();
  }

  public static Long longInRange(
      JsonNode parent, String name, String wireName, long min, long max) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber()
        || !n.canConvertToLong()
        || n.longValue() < min
        || n.longValue() > max) {
      throw new FieldException(wireName, "must be an integer from " + min + " to " + max);
    }
    return n.longValue();
  }

  public static Boolean bool(JsonNode parent, String name, String wireName) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isBoolean()) {
      throw new FieldException(wireName, "must be true or false");
    }
    return n.booleanValue();
  }

  public static JsonNode object(JsonNode parent, String name, String wireName) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new FieldException(wireName, "must be a JSON object");
    }
    return n;
  }

  /** An array of strings, or null when absent. */
  public static java.util.List<String> strings(JsonNode parent, String name, String wireName) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      throw new FieldException(wireName, "must be an array of URL strings");
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode item : n.values()) {
      if (!item.isString() || item.stringValue().isBlank()) {
        throw new FieldException(wireName, "must be an array of URL strings");
      }
      out.add(text(item.stringValue(), wireName).trim());
    }
    return out;
  }
}
