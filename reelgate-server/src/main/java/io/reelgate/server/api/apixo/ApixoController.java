package io.reelgate.server.api.apixo;

import io.reelgate.core.catalog.ModelSpec;
import io.reelgate.server.Ids;
import io.reelgate.server.access.Caller;
import io.reelgate.server.api.apixo.ApixoBodies.Envelope;
import io.reelgate.server.api.common.IdempotencyKeyHeader;
import io.reelgate.server.api.common.JsonBodies;
import io.reelgate.server.api.common.ParsedRequest;
import io.reelgate.server.api.common.StatusBodies;
import io.reelgate.server.task.RequestJson;
import io.reelgate.server.task.SubmitCommand;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The APIXO task API: {@code generateTask}, {@code statusTask}, {@code cancelTask} and {@code
 * estimate}. It only translates the wire format through {@link ApixoDialect}; everything else is
 * the task core's.
 */
@RestController
public class ApixoController {
  private final TaskService tasks;
  private final ApixoDialect dialect;
  private final JsonBodies bodies;
  private final Clock clock;
  private final RequestJson requestJson;
  private final StatusBodies statusBodies;

  public ApixoController(
      TaskService tasks,
      ApixoDialect dialect,
      JsonBodies bodies,
      Clock clock,
      RequestJson requestJson,
      StatusBodies statusBodies) {
    this.tasks = tasks;
    this.dialect = dialect;
    this.bodies = bodies;
    this.clock = clock;
    this.requestJson = requestJson;
    this.statusBodies = statusBodies;
  }

  @PostMapping("/api/v1/generateTask/{model}")
  public Envelope generate(
      @PathVariable String model,
      Caller caller,
      @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String idempotencyKey,
      HttpServletRequest http) {
    String key = IdempotencyKeyHeader.check(idempotencyKey);
    ParsedRequest parsed = parse(model, http);
    String taskId = Ids.timeOrdered("task_", clock.millis());
    TaskRecord task =
        tasks.submit(
            new SubmitCommand(
                caller, ApixoDialect.NAME, taskId, parsed.request(), parsed.callbackUrl(), key));
    return Envelope.ok(new ApixoBodies.TaskId(task.id()));
  }

  /** The price of a {@code generateTask} body, checked the same way; nothing is created. */
  @PostMapping("/api/v1/estimate/{model}")
  public Envelope estimate(@PathVariable String model, Caller caller, HttpServletRequest http) {
    ParsedRequest parsed = parse(model, http);
    long credits = tasks.estimate(parsed.request());
    return Envelope.ok(new ApixoBodies.Estimate(credits, requestJson.toMap(parsed.request())));
  }

  /** Cancels an unfinished task; the answer is its status, now failed with CANCELLED. */
  @PostMapping("/api/v1/cancelTask/{model}")
  public Envelope cancel(
      @PathVariable String model,
      @RequestParam(name = "taskId", required = false) String taskId,
      Caller caller) {
    tasks.model(model);
    return dialect.status(tasks.cancel(caller.accountId(), requiredTaskId(taskId)));
  }

  /**
   * The task's status envelope, made once per change of the task; with the {@code ETag} of the last
   * answer in {@code If-None-Match}, a poller gets {@code 304} while nothing changed.
   */
  @GetMapping("/api/v1/statusTask/{model}")
  public ResponseEntity<byte[]> status(
      @PathVariable String model,
      @RequestParam(name = "taskId", required = false) String taskId,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
      Caller caller) {
    tasks.model(model);
    return statusBodies.answer(
        "apixo", caller.accountId(), requiredTaskId(taskId), ifNoneMatch, dialect::status);
  }

  private ParsedRequest parse(String model, HttpServletRequest http) {
    ModelSpec spec = tasks.modelForNewTask(model);
    return dialect.parse(new ApixoDialect.Submission(spec, bodies.readObject(http)));
  }

  private static String requiredTaskId(String taskId) {
    if (taskId == null || taskId.isBlank()) {
      throw new ApixoException(400, "taskId is required");
    }
    return taskId.trim();
  }
}
