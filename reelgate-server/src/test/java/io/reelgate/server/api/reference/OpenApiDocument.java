package io.reelgate.server.api.reference;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.reelgate.server.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The served OpenAPI document, read to find operations and check answers against it. */
final class OpenApiDocument {
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  final JsonNode doc;

  OpenApiDocument(JsonNode doc) {
    this.doc = doc;
  }

  /** One operation: its path template and method in lower case. */
  record Operation(String path, String method) {
    @Override
    public String toString() {
      return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
    }
  }

  List<Operation> operations() {
    List<Operation> all = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        all.add(new Operation(path.getKey(), op.getKey()));
      }
    }
    return all;
  }

  /** The documented operation whose template matches a concrete path, if any. */
  Optional<Operation> match(String method, String path) {
    Operation exact = new Operation(path, method);
    if (operations().contains(exact)) {
      return Optional.of(exact);
    }
    return operations().stream()
        .filter(o -> o.method().equals(method))
        .filter(o -> templateOf(o.path()).matcher(path).matches())
        .findFirst();
  }

  private static Pattern templateOf(String template) {
    return Pattern.compile(
        Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q").replace("\\Q\\E", ""));
  }

  /**
   * What is wrong with an answer according to the document: an undocumented status, a content type
   * the status does not list, or a JSON body its schema refuses. Empty when it fits.
   */
  List<String> problems(Operation op, Http.Response answer) {
    JsonNode responses = doc.get("paths").get(op.path()).get(op.method()).get("responses");
    JsonNode spec = responses.get(Integer.toString(answer.status()));
    if (spec == null) {
      return List.of(op + " does not document status " + answer.status() + ": " + answer.text());
    }
    JsonNode content = spec.get("content");
    if (content == null) {
      return List.of();
    }
    String type = answer.header("Content-Type");
    String bare = type == null ? "" : type.split(";")[0].trim();
    JsonNode media = content.get(bare);
    if (media == null) {
      return List.of(op + " " + answer.status() + " answered " + type + ", not one of " + content);
    }
    if (!bare.equals("application/json")) {
      return List.of();
    }
    ObjectNode schema = ((ObjectNode) media.get("schema")).deepCopy();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.set("components", doc.get("components"));
    List<Error> errors = SCHEMAS.getSchema(schema.toString()).validate(answer.json());
    return errors.stream()
        .map(e -> op + " " + answer.status() + ": " + e.toString() + " in " + answer.text())
        .toList();
  }

  static OpenApiDocument fetch(String base) {
    return new OpenApiDocument(Http.send("GET", base + "/openapi.json", null).json());
  }
}
