package io.reelgate.server.api.common;

import io.reelgate.core.task.TaskState;
import io.reelgate.server.cluster.RemoteTaskChange;
import io.reelgate.server.task.TaskChanged;
import io.reelgate.server.task.TaskQueries;
import io.reelgate.server.task.TaskRecord;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.ObjectMapper;

/**
 * The in-process hub of live task status: committed task changes fan out to the server-sent event
 * streams that watch the task or its account. Each stream sends from its own virtual thread, in
 * order, so a slow client delays nobody else; a stream never sends a version of a task that is not
 * newer than the last one it sent. State lives in the database, so a stream that reconnects (after
 * a restart, say) starts from the task's current row. Changes another node made arrive as {@link
 * RemoteTaskChange}s (on PostgreSQL); the row is read once for all streams that lack that version.
 */
@Component
public class TaskEvents {
  static final Duration TIMEOUT = Duration.ofMinutes(30);
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final Logger log = LoggerFactory.getLogger(TaskEvents.class);

  private final Map<String, Dialect<?>> dialects;
  private final ObjectMapper mapper;
  private final TaskQueries queries;
  private final ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("sse-heartbeat").factory());

  public TaskEvents(
      List<Dialect<?>> dialects,
      ObjectMapper mapper,
      TaskQueries queries,
      org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry>
          meters) {
    this.queries = queries;
    meters.ifAvailable(
        registry ->
            io.micrometer.core.instrument.Gauge.builder(
                    "reelgate.event.streams.open", this, TaskEvents::openStreams)
                .description("Server-sent event streams open on this node")
                .register(registry));
    this.dialects =
        dialects.stream().collect(Collectors.toMap(Dialect::dialect, Function.identity()));
    this.mapper = mapper;
    long every = HEARTBEAT.toMillis();
    heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /** A stream of one task that ends after its terminal state. */
  Stream watchTask(String accountId, String taskId) {
    return register(new Stream(accountId, taskId));
  }

  /**
   * A stream of every task of an account; it does not end by itself. It starts with a comment, so
   * that the client gets the answer's headers at once and not only with the first change.
   */
  Stream watchAccount(String accountId) {
    Stream stream = register(new Stream(accountId, null));
    stream.submit(() -> stream.emitter.send(SseEmitter.event().comment("connected")));
    return stream;
  }

  /** A task change committed: every stream watching it gets the task's new state. */
  /** How many event streams are open on this node. */
  public int openStreams() {
    return streams.size();
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  public void onTaskChanged(TaskChanged event) {
    TaskRecord task = event.task();
    for (Stream stream : streams) {
      if (stream.watches(task)) {
        stream.offer(task);
      }
    }
  }

  /** Another node changed a task: the streams that watch it and lack that version get it. */
  @EventListener
  public void onRemoteChange(RemoteTaskChange change) {
    List<Stream> behind =
        streams.stream()
            .filter(s -> s.watches(change.accountId(), change.taskId()))
            .filter(s -> s.lacks(change.taskId(), change.version()))
            .toList();
    if (behind.isEmpty()) {
      return;
    }
    try {
      reads.execute(
          () -> {
            try {
              queries.find(change.taskId()).ifPresent(t -> behind.forEach(s -> s.offer(t)));
            } catch (RuntimeException e) {
              log.debug("task {} not read for its streams: {}", change.taskId(), e.getMessage());
            }
          });
    } catch (RejectedExecutionException stopping) {
      // the server stops; streams end with it
    }
  }

  /** The event id of a task at a version: {@code <taskId>:<version>}. */
  static String eventId(TaskRecord task) {
    return task.id() + ":" + task.version();
  }

  static boolean terminal(TaskState state) {
    return state == TaskState.SUCCEEDED
        || state == TaskState.FAILED
        || state == TaskState.CANCELLED;
  }

  private String render(TaskRecord task) {
    // why: a stream shows each task as the dialect that made it shows its status
    Dialect<?> dialect = dialects.get(task.dialect());
    Object body =
        dialect == null
            ? Map.of("taskId", task.id(), "state", task.state().name())
            : dialect.status(task);
    return mapper.writeValueAsString(body);
  }

  private Stream register(Stream stream) {
    streams.add(stream);
    stream.emitter.onCompletion(stream::close);
    stream.emitter.onTimeout(stream::close);
    stream.emitter.onError(e -> stream.close());
    return stream;
  }

  private void beat() {
    for (Stream stream : streams) {
      stream.submit(() -> stream.emitter.send(SseEmitter.event().comment("heartbeat")));
    }
  }

  @PreDestroy
  void stop() {
    heartbeat.shutdownNow();
    reads.shutdownNow();
    for (Stream stream : streams) {
      stream.submit(stream.emitter::complete);
    }
  }

  /** One open event stream. */
  final class Stream {
    final SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
    private final String accountId;
    private final String taskId;
    private final Map<String, Integer> sent = new ConcurrentHashMap<>();
    private final ExecutorService sender =
        Executors.newSingleThreadExecutor(Thread.ofVirtual().name("sse-", 0).factory());
    private volatile boolean closed;

    private Stream(String accountId, String taskId) {
      this.accountId = accountId;
      this.taskId = taskId;
    }

    boolean watches(TaskRecord task) {
      return watches(task.accountId(), task.id());
    }

    boolean watches(String account, String task) {
      return account.equals(accountId) && (taskId == null || taskId.equals(task));
    }

    /** Whether the client has not been sent this version of the task or a newer one. */
    boolean lacks(String task, int version) {
      Integer last = sent.get(task);
      return last == null || last < version;
    }

    /** Marks a version of a task as already seen by the client, so that it is not sent. */
    void seen(String task, int version) {
      sent.merge(task, version, Math::max);
    }

    /**
     * Sends this state of the task unless the client has it or a newer one; a task stream ends
     * after its terminal state (also when the client already had it).
     */
    void offer(TaskRecord task) {
      submit(
          () -> {
            Integer last = sent.get(task.id());
            if (last == null || task.version() > last) {
              sent.put(task.id(), task.version());
              emitter.send(SseEmitter.event().id(eventId(task)).data(render(task)));
            }
            if (taskId != null && terminal(task.state())) {
              emitter.complete();
              close();
            }
          });
    }

    private void submit(Send send) {
      if (closed) {
        return;
      }
      try {
        sender.execute(
            () -> {
              if (closed) {
                return;
              }
              try {
                send.run();
              } catch (IOException | IllegalStateException e) {
                log.debug("event stream closed: {}", e.toString());
                emitter.completeWithError(e);
                close();
              } catch (RuntimeException e) {
                log.warn("event stream failed", e);
                emitter.completeWithError(e);
                close();
              }
            });
      } catch (RejectedExecutionException closedMeanwhile) {
        // the stream was closed between the check and the hand-off
      }
    }

    void close() {
      closed = true;
      streams.remove(this);
      sender.shutdown();
    }
  }

  @FunctionalInterface
  private interface Send {
    void run() throws IOException;
  }
}
