package io.reelgate.server.api.apixo;

import io.reelgate.core.task.TaskState;
import io.reelgate.server.access.Caller;
import io.reelgate.server.api.apixo.ApixoBodies.Envelope;
import io.reelgate.server.task.RequestJson;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/v1/tasks/{taskId}}: one of the caller's tasks with everything a person looking at
 * it wants beside its status — the normalized request, the price and whether it was charged, the
 * times of its states and the size of its video.
 */
@RestController
public class ApixoTaskController {
  /** Longest image URL shown as it is; a longer one (a {@code data:} URI) is shortened. */
  static final int MAX_URL_SHOWN = 300;

  private final TaskService tasks;
  private final ApixoDialect dialect;
  private final RequestJson requestJson;
  private final ObjectMapper mapper;

  public ApixoTaskController(
      TaskService tasks, ApixoDialect dialect, RequestJson requestJson, ObjectMapper mapper) {
    this.tasks = tasks;
    this.dialect = dialect;
    this.requestJson = requestJson;
    this.mapper = mapper;
  }

  @GetMapping("/api/v1/tasks/{taskId}")
  public Envelope task(@PathVariable String taskId, Caller caller) {
    TaskRecord task = tasks.find(caller.accountId(), taskId);
    @SuppressWarnings("unchecked")
    Map<String, Object> out =
        new LinkedHashMap<>(mapper.convertValue(dialect.statusData(task, true), Map.class));
    Map<String, Object> request = new LinkedHashMap<>(requestJson.toMap(task.request()));
    request.put("imageUrls", shown(task.request().imageUrls()));
    out.put("request", request);
    out.put("credits", task.price());
    out.put("billing", billing(task.state()));
    out.put("timeline", timeline(task));
    out.put(
        "output",
        task.outputWidth() == null
            ? null
            : Map.of("width", task.outputWidth(), "height", task.outputHeight()));
    return Envelope.ok(out);
  }

  private static String billing(TaskState state) {
    return switch (state) {
      case SUCCEEDED -> "captured";
      case FAILED, CANCELLED -> "released";
      default -> "reserved";
    };
  }

  private static List<Map<String, Object>> timeline(TaskRecord task) {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(step("pending", task.createdAt()));
    if (task.startedAt() != null) {
      out.add(step("processing", task.startedAt()));
    }
    if (task.completedAt() != null && task.state().isTerminal()) {
      out.add(step(ApixoDialect.stateOf(task.state()), task.completedAt()));
    }
    return out;
  }

  private static Map<String, Object> step(String state, long time) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", state);
    m.put("time", time);
    return m;
  }

  private static List<String> shown(List<String> urls) {
    if (urls == null) {
      return List.of();
    }
    return urls.stream()
        .map(
            u ->
                u.length() <= MAX_URL_SHOWN
                    ? u
                    : u.substring(0, Math.max(0, u.indexOf(',') + 1)) + "… (" + u.length() + ")")
        .toList();
  }
}
