package io.reelgate.server.api.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.reelgate.server.task.TaskNotFoundException;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Status answers of every dialect, made once per change of a task. A task's body depends only on
 * its row at a version, so the bytes made for a version are kept and served again while the row
 * still has that version — which one small read of the version column tells, on any node — and the
 * version is the answer's {@code ETag}: a poller that sends it back in {@code If-None-Match} gets
 * {@code 304 Not Modified} without a body.
 */
@Component
public class StatusBodies {
  /** Bodies kept at most; a task polled again after eviction is simply made again. */
  static final long MAX_BODIES = 50_000;

  private record Key(String view, String taskId) {}

  private record Body(int version, byte[] bytes) {}

  private final TaskQueries queries;
  private final ObjectMapper mapper;
  private final Cache<Key, Body> bodies = Caffeine.newBuilder().maximumSize(MAX_BODIES).build();

  public StatusBodies(TaskQueries queries, ObjectMapper mapper) {
    this.queries = queries;
    this.mapper = mapper;
  }

  /**
   * What a status read answers: the tag of the task's current version, and its body unless the
   * poller's {@code If-None-Match} already names that version.
   *
   * @param body the JSON bytes, or null for {@code 304 Not Modified}
   */
  public record Ready(String etag, byte[] body) {
    public boolean notModified() {
      return body == null;
    }
  }

  /**
   * The status answer of the account's task in one view: 304 when {@code ifNoneMatch} names the
   * current version, else 200 with the body {@code render} makes of the task (made again only when
   * the task changed since the last time).
   *
   * @param view the dialect's name of this body ({@code apixo-status}, {@code pixazo-status}...)
   * @throws TaskNotFoundException when the account has no such task
   */
  public ResponseEntity<byte[]> answer(
      String view,
      String accountId,
      String taskId,
      String ifNoneMatch,
      Function<TaskRecord, Object> render) {
    Ready ready =
        lookup(view, accountId, taskId, ifNoneMatch, render)
            .orElseThrow(() -> new TaskNotFoundException(String.valueOf(taskId)));
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.status(ready.notModified() ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
            .eTag(ready.etag())
            .cacheControl(CacheControl.noCache());
    if (ready.notModified()) {
      return answer.build();
    }
    return answer.contentType(MediaType.APPLICATION_JSON).body(ready.body());
  }

  /**
   * The same answer as {@link #answer}, as tag and bytes; empty when the account has no such task.
   */
  public Optional<Ready> lookup(
      String view,
      String accountId,
      String taskId,
      String ifNoneMatch,
      Function<TaskRecord, Object> render) {
    Optional<Integer> current = queries.versionOwned(accountId, taskId);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    int version = current.get();
    Key key = new Key(view, taskId);
    Body body = bodies.getIfPresent(key);
    if (body == null || body.version() != version) {
      Optional<TaskRecord> task = queries.findOwned(accountId, taskId);
      if (task.isEmpty()) {
        return Optional.empty();
      }
      body = new Body(task.get().version(), mapper.writeValueAsBytes(render.apply(task.get())));
      bodies.put(key, body);
    }
    String etag = etag(view, taskId, body.version());
    return Optional.of(new Ready(etag, matches(ifNoneMatch, etag) ? null : body.bytes()));
  }

  static String etag(String view, String taskId, int version) {
    return "\"" + view + "-" + taskId + "-" + version + "\"";
  }

  /** Whether an {@code If-None-Match} header names this tag (or is {@code *}). */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*") || c.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
