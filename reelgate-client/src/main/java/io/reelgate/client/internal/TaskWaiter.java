package io.reelgate.client.internal;

import io.reelgate.client.ApiException;
import io.reelgate.client.AuthenticationException;
import io.reelgate.client.NotFoundException;
import io.reelgate.client.ReelgateException;
import io.reelgate.client.WaitOptions;
import io.reelgate.client.WaitTimeoutException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Waits until a task is final: follows {@code GET /api/v1/tasks/{id}/events}, reconnecting with
 * {@code Last-Event-ID} after a break, and polls the status with growing waits when the stream
 * cannot be had.
 *
 * @param <T> the dialect's status type
 */
public final class TaskWaiter<T> {
  /** Stream failures in a row after which the waiter polls instead. */
  static final int MAX_STREAM_FAILURES = 3;

  /** What the waiter needs to know about a dialect. */
  public interface Dialect<T> {
    /** The task's id. */
    String taskId();

    /** The status in an event's data, or null when the event must be followed by a poll. */
    T fromEvent(String data);

    /** Reads the status now. */
    T poll();

    /** Whether the status is final. */
    boolean isFinal(T status);
  }

  private final Transport transport;
  private final Dialect<T> dialect;
  private final WaitOptions options;
  private final Consumer<? super T> onUpdate;
  private final long deadline;
  private T last;

  public TaskWaiter(
      Transport transport, Dialect<T> dialect, WaitOptions options, Consumer<? super T> onUpdate) {
    this.transport = transport;
    this.dialect = dialect;
    this.options = options == null ? WaitOptions.defaults() : options;
    this.onUpdate = onUpdate == null ? s -> {} : onUpdate;
    this.deadline = System.nanoTime() + this.options.timeout().toNanos();
  }

  /** Waits and returns the final status. */
  public T await() {
    if (options.useEvents()) {
      T done = followEvents();
      if (done != null) {
        return done;
      }
    }
    return pollUntilFinal();
  }

  private void update(T status) {
    if (status != null && !Objects.equals(status, last)) {
      last = status;
      onUpdate.accept(status);
    }
  }

  private long remainingNanos() {
    return deadline - System.nanoTime();
  }

  private WaitTimeoutException timeout() {
    return new WaitTimeoutException(
        "task " + dialect.taskId() + " is not final after " + options.timeout(), last);
  }

  /** The final status, or null when the stream could not be followed to the end. */
  private T followEvents() {
    String lastEventId = null;
    int failures = 0;
    while (remainingNanos() > 0) {
      HttpRequest.Builder b =
          transport
              .request(
                  transport.resolve(
                      "/api/v1/tasks/" + Transport.encode(dialect.taskId()) + "/events"),
                  Transport.Auth.BEARER_KEY)
              .header("Accept", "text/event-stream")
              .header("Cache-Control", "no-cache")
              .timeout(transport.settings().timeout())
              .GET();
      if (lastEventId != null) {
        b.header("Last-Event-ID", lastEventId);
      }
      Stream stream = null;
      try {
        HttpResponse<InputStream> answer = transport.openStream(b.build());
        int status = answer.statusCode();
        if (status == 204) {
          // the stream says we already have the final event: read it once more
          answer.body().close();
          return null;
        }
        if (status != 200) {
          String body = new String(answer.body().readAllBytes(), StandardCharsets.UTF_8);
          ApiException error =
              Errors.of(status, body, transport.retryAfter(answer.headers()).orElse(null));
          if (error instanceof AuthenticationException) {
            throw error;
          }
          if (error instanceof NotFoundException) {
            // no event stream here (or no such task): the status call tells which
            return null;
          }
          failures++;
        } else {
          stream = new Stream(answer.body());
          Outcome<T> outcome = read(stream);
          if (outcome.lastEventId != null) {
            lastEventId = outcome.lastEventId;
          }
          if (outcome.done != null) {
            return outcome.done;
          }
          failures = outcome.sawEvent ? 1 : failures + 1;
        }
      } catch (IOException e) {
        failures++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ReelgateException("interrupted while waiting for " + dialect.taskId(), e, true);
      } finally {
        if (stream != null) {
          stream.close();
        }
      }
      if (failures >= MAX_STREAM_FAILURES) {
        return null;
      }
      Duration pause = transport.backoff(failures - 1);
      if (pause.toNanos() >= remainingNanos()) {
        throw timeout();
      }
      transport.sleep(pause);
    }
    throw timeout();
  }

  private record Outcome<T>(T done, String lastEventId, boolean sawEvent) {}

  private Outcome<T> read(Stream stream) throws InterruptedException {
    String lastEventId = null;
    boolean sawEvent = false;
    long idle = options.idleTimeout().toNanos();
    while (true) {
      long wait = Math.min(idle, remainingNanos());
      if (wait <= 0) {
        throw timeout();
      }
      Object item = stream.queue.poll(wait, TimeUnit.NANOSECONDS);
      if (item == null) {
        if (remainingNanos() <= 0) {
          throw timeout();
        }
        return new Outcome<>(null, lastEventId, sawEvent); // silent too long: reconnect
      }
      if (item == Stream.END) {
        return new Outcome<>(null, lastEventId, sawEvent);
      }
      SseEvent event = (SseEvent) item;
      sawEvent = true;
      if (event.id() != null && !event.id().isEmpty()) {
        lastEventId = event.id();
      }
      T status = dialect.fromEvent(event.data());
      if (status == null) {
        status = dialect.poll();
      }
      update(status);
      if (dialect.isFinal(status)) {
        return new Outcome<>(status, lastEventId, true);
      }
    }
  }

  private T pollUntilFinal() {
    Duration interval = options.pollInterval();
    while (true) {
      try {
        T status = dialect.poll();
        update(status);
        if (dialect.isFinal(status)) {
          return status;
        }
      } catch (ReelgateException e) {
        if (!e.isRetryable()) {
          throw e;
        }
        // a passing failure: poll again after the wait
      }
      if (interval.toNanos() >= remainingNanos()) {
        throw timeout();
      }
      transport.sleep(interval);
      long next =
          Math.min((long) (interval.toMillis() * 1.5), options.maxPollInterval().toMillis());
      interval = Duration.ofMillis(next);
    }
  }

  /** Reads an event stream on its own thread, so that a silent stream can be given up. */
  private static final class Stream {
    static final Object END = new Object();
    final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;

    Stream(InputStream body) {
      this.body = body;
      this.reader = new Thread(this::run, "reelgate-events");
      reader.setDaemon(true);
      reader.start();
    }

    private void run() {
      SseParser parser = new SseParser(queue::add);
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          parser.line(line);
        }
      } catch (IOException | RuntimeException e) {
        // a broken or closed stream ends like a finished one; the waiter decides what follows
      } finally {
        queue.add(END);
      }
    }

    void close() {
      reader.interrupt();
      try {
        body.close();
      } catch (IOException ignored) {
        // closing a stream that is already broken
      }
    }
  }
}
