package io.reelgate.server.api.apixo;

import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.Ids;
import io.reelgate.server.access.ApiKeys;
import io.reelgate.server.access.Caller;
import io.reelgate.server.api.common.IdempotencyKeyHeader;
import io.reelgate.server.api.common.JsonBodies;
import io.reelgate.server.api.common.StatusBodies;
import io.reelgate.server.storage.SignedUrls;
import io.reelgate.server.task.RequestJson;
import io.reelgate.server.task.SubmitCommand;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * The APIXO task API: {@code generateTask}, {@code statusTask}, {@code cancelTask} and {@code
 * estimate}. It only translates the wire format; everything else is the task core's.
 */
@RestController
public class ApixoController {
  static final String DIALECT = "apixo";

  private final TaskService tasks;
  private final ApiKeys apiKeys;
  private final JsonBodies bodies;
  private final SignedUrls signedUrls;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final RequestJson requestJson;
  private final StatusBodies statusBodies;

  public ApixoController(
      TaskService tasks,
      ApiKeys apiKeys,
      JsonBodies bodies,
      SignedUrls signedUrls,
      ObjectMapper mapper,
      Clock clock,
      RequestJson requestJson,
      StatusBodies statusBodies) {
    this.tasks = tasks;
    this.apiKeys = apiKeys;
    this.bodies = bodies;
    this.signedUrls = signedUrls;
    this.mapper = mapper;
    this.clock = clock;
    this.requestJson = requestJson;
    this.statusBodies = statusBodies;
  }

  @PostMapping("/api/v1/generateTask/{model}")
  public ResponseEntity<Map<String, Object>> generate(
      @PathVariable String model,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String idempotencyKey,
      HttpServletRequest http) {
    Caller caller = authenticate(authorization);
    String key = IdempotencyKeyHeader.check(idempotencyKey);
    ModelSpec spec = tasks.modelForNewTask(model);
    ApixoRequest parsed = ApixoRequestParser.parse(spec, bodies.readObject(http));
    String taskId = Ids.timeOrdered("task_", clock.millis());
    TaskRecord task =
        tasks.submit(
            new SubmitCommand(
                caller, DIALECT, taskId, parsed.request(), parsed.callbackUrl(), key));
    return ApixoEnvelopes.ok(Map.of("taskId", task.id()));
  }

  /** The price of a {@code generateTask} body, checked the same way; nothing is created. */
  @PostMapping("/api/v1/estimate/{model}")
  public ResponseEntity<Map<String, Object>> estimate(
      @PathVariable String model,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      HttpServletRequest http) {
    authenticate(authorization);
    ModelSpec spec = tasks.modelForNewTask(model);
    ApixoRequest parsed = ApixoRequestParser.parse(spec, bodies.readObject(http));
    long credits = tasks.estimate(parsed.request());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("credits", credits);
    data.put("request", requestJson.toMap(parsed.request()));
    return ApixoEnvelopes.ok(data);
  }

  /** Cancels an unfinished task; the answer is its status, now failed with CANCELLED. */
  @PostMapping("/api/v1/cancelTask/{model}")
  public ResponseEntity<Map<String, Object>> cancel(
      @PathVariable String model,
      @RequestParam(name = "taskId", required = false) String taskId,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    Caller caller = authenticate(authorization);
    tasks.model(model);
    return ApixoEnvelopes.ok(statusData(tasks.cancel(caller.accountId(), requiredTaskId(taskId))));
  }

  /**
   * The task's status envelope, made once per change of the task; with the {@code ETag} of the last
   * answer in {@code If-None-Match}, a poller gets {@code 304} while nothing changed.
   */
  @GetMapping("/api/v1/statusTask/{model}")
  public ResponseEntity<byte[]> status(
      @PathVariable String model,
      @RequestParam(name = "taskId", required = false) String taskId,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    Caller caller = authenticate(authorization);
    tasks.model(model);
    return statusBodies.answer(
        "apixo",
        caller.accountId(),
        requiredTaskId(taskId),
        ifNoneMatch,
        task -> ApixoEnvelopes.ok(statusData(task)).getBody());
  }

  private static String requiredTaskId(String taskId) {
    if (taskId == null || taskId.isBlank()) {
      throw new ApixoException(400, "taskId is required");
    }
    return taskId.trim();
  }

  /** The {@code data} of a status answer; the webhook sends the same body. */
  Map<String, Object> statusData(TaskRecord task) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("taskId", task.id());
    data.put("state", stateOf(task.state()));
    data.put("createTime", task.createdAt());
    if (task.state() == TaskState.SUCCEEDED) {
      String url = signedUrls.urlFor(task.resultKey());
      data.put("resultJson", mapper.writeValueAsString(Map.of("resultUrls", List.of(url))));
      data.put("completeTime", task.completedAt());
      data.put("costTime", task.completedAt() - task.createdAt());
    } else if (task.state() == TaskState.FAILED || task.state() == TaskState.CANCELLED) {
      data.put("failCode", task.failureCode() == null ? "CANCELLED" : task.failureCode().name());
      data.put("failMsg", task.failureMessage() == null ? "cancelled" : task.failureMessage());
      data.put("completeTime", task.completedAt());
    }
    return data;
  }

  static String stateOf(TaskState state) {
    return switch (state) {
      case QUEUED -> "pending";
      case RUNNING, STORING -> "processing";
      case SUCCEEDED -> "success";
      case FAILED, CANCELLED -> "failed";
    };
  }

  private Caller authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApixoException(401, "Invalid or missing API Key");
    }
    return apiKeys
        .authenticate(authorization.substring(7).trim())
        .orElseThrow(() -> new ApixoException(401, "Invalid or missing API Key"));
  }
}
