package io.reelgate.server.task;

import io.reelgate.core.request.GenerationKind;
import io.reelgate.core.request.GenerationRequest;
import io.reelgate.core.request.OutputSize;
import io.reelgate.core.request.Routing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Stores a normalized request as JSON in the task row, independent of any dialect's shape. */
@Component
public class RequestJson {
  private final ObjectMapper mapper;

  public RequestJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String write(GenerationRequest r) {
    return mapper.writeValueAsString(toMap(r));
  }

  /** The normalized request as a JSON-ready map (what {@link #write} stores). */
  public Map<String, Object> toMap(GenerationRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", r.model());
    m.put("kind", r.kind().name());
    m.put("prompt", r.prompt());
    m.put("durationSeconds", r.durationSeconds());
    m.put("width", r.size().width());
    m.put("height", r.size().height());
    m.put("followImage", r.size().followImage());
    m.put("imageUrls", r.imageUrls());
    m.put("quality", r.quality());
    m.put("routing", r.routing().name());
    m.put("seed", r.seed());
    m.put("options", r.options());
    return m;
  }

  public GenerationRequest read(String json) {
    JsonNode n = mapper.readTree(json);
    List<String> images = n.get("imageUrls").valueStream().map(JsonNode::stringValue).toList();
    Map<String, String> options = new LinkedHashMap<>();
    n.get("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asString()));
    JsonNode seed = n.get("seed");
    return new GenerationRequest(
        n.get("model").stringValue(),
        GenerationKind.valueOf(n.get("kind").stringValue()),
        n.get("prompt").stringValue(),
        n.get("durationSeconds").intValue(),
        new OutputSize(
            n.get("width").intValue(),
            n.get("height").intValue(),
            n.get("followImage").booleanValue()),
        images,
        n.get("quality").stringValue(),
        Routing.valueOf(n.get("routing").stringValue()),
        seed == null || seed.isNull() ? null : seed.longValue(),
        options);
  }
}
