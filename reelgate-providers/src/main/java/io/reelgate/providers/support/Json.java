package io.reelgate.providers.support;

import io.reelgate.providers.ChannelSettings;
import io.reelgate.providers.InvalidWebhookException;
import io.reelgate.providers.WebhookRequest;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The JSON reading every adapter needs: pushed bodies, text fields and JSON-valued options. */
public final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /**
   * The body of a pushed request (already verified) as JSON; an empty body is a missing node.
   *
   * @throws InvalidWebhookException when it is not JSON
   */
  public static JsonNode webhookBody(WebhookRequest request) {
    try {
      JsonNode node = MAPPER.readTree(request.body());
      return node == null ? MAPPER.missingNode() : node;
    } catch (JacksonException e) {
      throw new InvalidWebhookException("webhook body is not JSON", e);
    }
  }

  /** The node's text when it is a JSON string, else null. */
  public static String text(JsonNode node) {
    return node != null && node.isString() ? node.stringValue() : null;
  }

  /** A field's value as text when it is a string, number or boolean, else null. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asString();
  }

  /**
   * A channel option that holds a JSON object, if set.
   *
   * @throws IllegalArgumentException naming the channel and the option when it is not a JSON object
   */
  public static Optional<ObjectNode> objectOption(ChannelSettings settings, String name) {
    return settings.option(name).map(json -> objectOf(settings, name, json));
  }

  private static ObjectNode objectOf(ChannelSettings settings, String name, String json) {
    try {
      if (MAPPER.readTree(json) instanceof ObjectNode object) {
        return object;
      }
    } catch (JacksonException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "channel " + settings.id() + ": option " + name + " must be a JSON object");
  }
}
