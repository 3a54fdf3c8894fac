package io.reelgate.server.tracing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the trace context of a task's submit as a W3C {@code traceparent} and continues it when the
 * task's work runs later: {@link #remember} in the submit request, {@link #resume} around each
 * piece of work. Both do nothing when tracing is off or the submit was not sampled.
 */
@Component
public class TaskTraces {
  private static final Logger log = LoggerFactory.getLogger(TaskTraces.class);
  private static final Pattern TRACEPARENT =
      Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

  private static final String NONE = "";

  private final Tracer tracer;
  private final JdbcClient jdbc;

  /**
   * The traceparents of tasks worked on recently ({@link #NONE} for a task without one), so that
   * the polls of a task in flight do not read its row each time; a task's trace never changes.
   */
  private final Cache<String, String> known =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(30)).build();

  public TaskTraces(ObjectProvider<Tracer> tracer, JdbcTemplate jdbc) {
    this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    this.jdbc = JdbcClient.create(jdbc);
  }

  /** A piece of a task's work inside the task's trace; closing it ends the span. */
  public interface Resumed extends AutoCloseable {
    @Override
    void close();
  }

  private static final Resumed NOTHING = () -> {};

  /** Keeps the current trace context (the submit request's) as the task's. */
  public void remember(String taskId) {
    if (tracer == Tracer.NOOP) {
      return;
    }
    Span span = tracer.currentSpan();
    if (span == null || span.isNoop() || !Boolean.TRUE.equals(span.context().sampled())) {
      return;
    }
    TraceContext c = span.context();
    String traceparent = "00-" + c.traceId() + "-" + c.spanId() + "-01";
    try {
      jdbc.sql("INSERT INTO task_traces (task_id, traceparent) VALUES (?, ?)")
          .params(taskId, traceparent)
          .update();
      known.put(taskId, traceparent);
    } catch (RuntimeException e) {
      // why: a trace is an aid; the submit has succeeded whatever happens here
      log.debug("could not keep the trace of task {}", taskId, e);
    }
  }

  /** Drops what {@link #remember} kept for a task that was not created. */
  public void forget(String taskId) {
    if (tracer == Tracer.NOOP) {
      return;
    }
    try {
      known.invalidate(taskId);
      jdbc.sql("DELETE FROM task_traces WHERE task_id = ?").param(taskId).update();
    } catch (RuntimeException e) {
      log.debug("could not drop the trace of task {}", taskId, e);
    }
  }

  /**
   * Starts a span named {@code name} as a child of the task's submit and makes it current, so that
   * the observations made until {@link Resumed#close} belong to the task's trace.
   */
  public Resumed resume(String taskId, String name) {
    if (tracer == Tracer.NOOP) {
      return NOTHING;
    }
    String traceparent = known.getIfPresent(taskId);
    if (traceparent == null) {
      try {
        traceparent =
            jdbc.sql("SELECT traceparent FROM task_traces WHERE task_id = ?")
                .param(taskId)
                .query(String.class)
                .optional()
                .orElse(NONE);
      } catch (RuntimeException e) {
        log.debug("could not read the trace of task {}", taskId, e);
        return NOTHING;
      }
      known.put(taskId, traceparent);
    }
    Matcher m = TRACEPARENT.matcher(traceparent);
    if (!m.matches()) {
      return NOTHING;
    }
    TraceContext parent =
        tracer.traceContextBuilder().traceId(m.group(1)).spanId(m.group(2)).sampled(true).build();
    Span span = tracer.spanBuilder().setParent(parent).name(name).tag("task.id", taskId).start();
    Tracer.SpanInScope scope = tracer.withSpan(span);
    return () -> {
      scope.close();
      span.end();
    };
  }
}
