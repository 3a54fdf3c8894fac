package io.reelgate.server.api.common;

import io.reelgate.server.access.AuthThrottledException;
import io.reelgate.server.access.Caller;
import io.reelgate.server.task.TaskNotFoundException;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
import io.reelgate.server.task.TaskService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live task status as server-sent events: each event carries the status body of the task's dialect
 * under the id {@code <taskId>:<version>}. A task's stream ends after its terminal state; the
 * key-wide stream carries all tasks of the key's account and stays open. A client that reconnects
 * with {@code Last-Event-ID} gets the current state when it is newer than the one it saw, and a
 * task stream whose final event the client already has answers {@code 204}, which tells an {@code
 * EventSource} to stop reconnecting. Errors come in {@code {"code","message","data"}} envelopes.
 */
@RestController
public class TaskEventsController {
  /** How many tasks a key-wide stream re-sends at most when it resumes. */
  static final int RESUME_LIMIT = 1000;

  private final TaskService tasks;
  private final TaskQueries rows;
  private final TaskEvents events;

  public TaskEventsController(TaskService tasks, TaskQueries rows, TaskEvents events) {
    this.tasks = tasks;
    this.rows = rows;
    this.events = events;
  }

  @GetMapping("/api/v1/tasks/{taskId}/events")
  public ResponseEntity<SseEmitter> task(
      @PathVariable String taskId,
      Caller caller,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    TaskRecord task = tasks.find(caller.accountId(), taskId);
    Optional<Seen> seen = Seen.parse(lastEventId).filter(s -> s.taskId().equals(task.id()));
    if (TaskEvents.terminal(task.state())
        && seen.isPresent()
        && seen.get().version() >= task.version()) {
      return ResponseEntity.noContent().build();
    }
    TaskEvents.Stream stream = events.watchTask(caller.accountId(), task.id());
    seen.ifPresent(s -> stream.seen(s.taskId(), s.version()));
    // read again after registering, so that no change falls between the read and the stream
    stream.offer(rows.find(task.id()).orElse(task));
    return open(stream);
  }

  @GetMapping("/api/v1/events")
  public ResponseEntity<SseEmitter> account(
      Caller caller, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    TaskEvents.Stream stream = events.watchAccount(caller.accountId());
    Optional<Seen> seen = Seen.parse(lastEventId);
    Optional<TaskRecord> seenTask =
        seen.flatMap(s -> rows.findOwned(caller.accountId(), s.taskId()));
    if (seenTask.isPresent()) {
      // the seen event is no older than its task's creation: every task changed since then is
      // sent in its current state (the seen task only when newer than what the client has)
      stream.seen(seen.get().taskId(), seen.get().version());
      for (TaskRecord t :
          rows.changedSince(caller.accountId(), seenTask.get().createdAt(), RESUME_LIMIT)) {
        stream.offer(t);
      }
    }
    return open(stream);
  }

  private static ResponseEntity<SseEmitter> open(TaskEvents.Stream stream) {
    return ResponseEntity.ok()
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .header("X-Accel-Buffering", "no")
        .contentType(MediaType.TEXT_EVENT_STREAM)
        .body(stream.emitter);
  }

  @ExceptionHandler(UnauthenticatedException.class)
  ResponseEntity<Map<String, Object>> unauthenticated(UnauthenticatedException e) {
    return envelope(401, "Invalid or missing API Key");
  }

  @ExceptionHandler(AuthThrottledException.class)
  ResponseEntity<Map<String, Object>> throttled(AuthThrottledException e) {
    ResponseEntity<Map<String, Object>> answer = envelope(429, e.getMessage());
    return ResponseEntity.status(429)
        .headers(answer.getHeaders())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .body(answer.getBody());
  }

  @ExceptionHandler(WebhooksController.Refusal.class)
  ResponseEntity<Map<String, Object>> refused(WebhooksController.Refusal e) {
    return envelope(e.code(), e.getMessage());
  }

  @ExceptionHandler(TaskNotFoundException.class)
  ResponseEntity<Map<String, Object>> notFound(TaskNotFoundException e) {
    return envelope(404, "Task not found");
  }

  private static ResponseEntity<Map<String, Object>> envelope(int code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    body.put("data", null);
    return ResponseEntity.status(code).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  /** A {@code Last-Event-ID} of the form {@code <taskId>:<version>}. */
  record Seen(String taskId, int version) {
    static Optional<Seen> parse(String lastEventId) {
      if (lastEventId == null) {
        return Optional.empty();
      }
      int colon = lastEventId.trim().lastIndexOf(':');
      if (colon <= 0) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Seen(
                lastEventId.trim().substring(0, colon),
                Integer.parseInt(lastEventId.trim().substring(colon + 1))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }
}
