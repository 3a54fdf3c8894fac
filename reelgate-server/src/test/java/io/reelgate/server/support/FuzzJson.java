package io.reelgate.server.support;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds JSON request bodies from fuzzer input: property names mostly from a dialect's own
 * vocabulary, values of every JSON type, with strings and numbers often taken from the values the
 * dialect knows, so that the fuzzer reaches past the first type check.
 */
public final class FuzzJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final FuzzedDataProvider data;
  private final List<String> names;
  private final List<String> words;

  public FuzzJson(FuzzedDataProvider data, List<String> names, List<String> words) {
    this.data = data;
    this.names = names;
    this.words = words;
  }

  /** An object of up to {@code size} properties, nested up to {@code depth} levels. */
  public ObjectNode object(int size, int depth) {
    ObjectNode node = NODES.objectNode();
    int count = data.consumeInt(0, size);
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      node.set(name(), value(depth));
    }
    return node;
  }

  public String name() {
    return data.consumeBoolean() ? pick(names) : data.consumeString(12);
  }

  public String word() {
    return data.consumeBoolean() ? pick(words) : data.consumeString(40);
  }

  public JsonNode value(int depth) {
    int kind = data.consumeInt(0, depth > 0 ? 11 : 9);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(data.consumeBoolean());
      case 2 -> NODES.numberNode(data.consumeInt());
      case 3 -> NODES.numberNode(pick(List.of(4, 8, 12, 0, -1, 10, 16)));
      case 4 -> NODES.numberNode(data.consumeLong());
      case 5 -> NODES.numberNode(data.consumeDouble());
      case 6 -> NODES.numberNode(new java.math.BigInteger(1, data.consumeBytes(24)));
      case 7, 8 -> NODES.stringNode(word());
      case 9 -> NODES.stringNode(data.consumeString(200));
      case 10 -> object(4, depth - 1);
      default -> {
        ArrayNode array = NODES.arrayNode();
        int count = data.consumeInt(0, 4);
        for (int i = 0; i < count; i++) {
          array.add(value(depth - 1));
        }
        yield array;
      }
    };
  }

  private <T> T pick(List<T> values) {
    return values.get(data.consumeInt(0, values.size() - 1));
  }
}
