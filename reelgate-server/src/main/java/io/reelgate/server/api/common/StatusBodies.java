package io.reelgate.server.api.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.reelgate.server.task.TaskNotFoundException;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
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
    int version =
        queries
            .versionOwned(accountId, taskId)
            .orElseThrow(() -> new TaskNotFoundException(String.valueOf(taskId)));
    Key key = new Key(view, taskId);
    Body body = bodies.getIfPresent(key);
    if (body == null || body.version() != version) {
      TaskRecord task =
          queries.findOwned(accountId, taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
      body = new Body(task.version(), mapper.writeValueAsBytes(render.apply(task)));
      bodies.put(key, body);
    }
    String etag = etag(view, taskId, body.version());
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.status(matches(ifNoneMatch, etag) ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
            .eTag(etag)
            .cacheControl(CacheControl.noCache());
    if (matches(ifNoneMatch, etag)) {
      return answer.build();
    }
    return answer.contentType(MediaType.APPLICATION_JSON).body(body.bytes());
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
