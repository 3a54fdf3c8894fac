package io.reelgate.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Golden-JSON files of wire bodies under {@code src/test/resources/golden/}: an answer's status and
 * body, with the values that differ from run to run (ids, times, ports, URL signatures) replaced by
 * placeholders and nothing else, compared as text, so field order, nulls and absent fields are
 * pinned too. {@code GOLDEN_UPDATE=1} writes the files instead of comparing.
 */
public final class Golden {
  static final Path ROOT = Path.of("src", "test", "resources", "golden");
  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** Fields whose numbers are points or spans of time. */
  private static final Set<String> TIME_FIELDS =
      Set.of(
          "createTime",
          "completeTime",
          "costTime",
          "expireTime",
          "created_at",
          "completed_at",
          "updated_at",
          "expires_at",
          "polling_duration_seconds",
          "since",
          "retiredAt");

  private static final List<Map.Entry<Pattern, String>> TEXT =
      List.of(
          Map.entry(Pattern.compile("sora-video_[0-9a-f-]{36}"), "sora-video_<id>"),
          Map.entry(Pattern.compile("\\b(task|video|msg|evt)_[0-9a-z]{26}"), "$1_<id>"),
          Map.entry(
              Pattern.compile("expires=[0-9]+&sig=[A-Za-z0-9_-]+"), "expires=<expires>&sig=<sig>"),
          Map.entry(Pattern.compile("(localhost|127\\.0\\.0\\.1):[0-9]+"), "$1:<port>"),
          Map.entry(
              Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z"),
              "<iso-time>"));

  private Golden() {}

  /** Checks an HTTP answer (its status and JSON body) against {@code golden/<name>.json}. */
  public static void check(String name, Http.Response response) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("status", response.status());
    doc.set("body", response.json());
    checkDocument(name, doc);
  }

  /** Checks a JSON text (a webhook payload, say) against {@code golden/<name>.json}. */
  public static void checkJson(String name, String json) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.set("body", PRETTY.readTree(json));
    checkDocument(name, doc);
  }

  private static void checkDocument(String name, JsonNode doc) {
    String actual = PRETTY.writeValueAsString(normalize(doc)) + "\n";
    Path file = ROOT.resolve(name + ".json");
    try {
      if ("1".equals(System.getenv("GOLDEN_UPDATE"))) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file).as("golden file %s (GOLDEN_UPDATE=1 writes it)", file).exists();
      assertThat(actual).as("wire body %s", name).isEqualTo(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The node with volatile values replaced; everything else as it was, in the same order. */
  static JsonNode normalize(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode value = e.getValue();
        if (TIME_FIELDS.contains(e.getKey()) && value.isNumber()) {
          out.put(e.getKey(), "<time>");
        } else if (e.getKey().equals("nextCursor") && value.isString()) {
          // why: a cursor encodes a task's creation time and id
          out.put(e.getKey(), "<cursor>");
        } else {
          out.set(e.getKey(), normalize(value));
        }
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.values().forEach(v -> out.add(normalize(v)));
      return out;
    }
    if (node.isString()) {
      return JsonNodeFactory.instance.stringNode(text(node.stringValue()));
    }
    return node;
  }

  static String text(String value) {
    String out = value;
    for (Map.Entry<Pattern, String> e : TEXT) {
      out = e.getKey().matcher(out).replaceAll(e.getValue());
    }
    return out;
  }
}
