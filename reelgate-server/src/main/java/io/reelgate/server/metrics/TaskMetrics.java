package io.reelgate.server.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.reelgate.core.task.TaskState;
import io.reelgate.server.task.TaskChanged;
import io.reelgate.server.task.TaskRecord;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts and times tasks from their committed changes: submitted (by model and dialect), finished
 * (by model, dialect, channel, outcome and failure code), the time from submit to the first start
 * on a channel and from submit to the end, and the credits reserved at submit and captured or
 * released at the end.
 */
@Component
class TaskMetrics {
  static final String SUBMITTED = "reelgate.tasks.submitted";
  static final String FINISHED = "reelgate.tasks.finished";
  static final String QUEUE_WAIT = "reelgate.tasks.queue.wait";
  static final String DURATION = "reelgate.tasks.duration";
  static final String CREDITS = "reelgate.credits";

  private final MeterRegistry registry;

  /** Tasks whose start was timed here already, so that later changes in RUNNING are not. */
  private final Cache<String, Boolean> started =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofHours(6)).build();

  TaskMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void onTaskChanged(TaskChanged event) {
    TaskRecord task = event.task();
    if (task.version() == 0 && task.state() == TaskState.QUEUED) {
      submitted(task);
    } else if (task.state().isTerminal()) {
      finished(task);
    } else if (task.startedAt() != null && started.asMap().putIfAbsent(task.id(), true) == null) {
      queueWait(task).record(Duration.ofMillis(Math.max(0, task.startedAt() - task.createdAt())));
    }
  }

  private void submitted(TaskRecord task) {
    Counter.builder(SUBMITTED)
        .description("Tasks accepted")
        .tag("model", task.model())
        .tag("dialect", task.dialect())
        .register(registry)
        .increment();
    credits("reserved").increment(task.price());
  }

  private void finished(TaskRecord task) {
    String outcome = task.state().name().toLowerCase(Locale.ROOT);
    Counter.builder(FINISHED)
        .description("Tasks that reached an end state")
        .tag("model", task.model())
        .tag("dialect", task.dialect())
        .tag("channel", task.channelId() == null ? "none" : task.channelId())
        .tag("outcome", outcome)
        .tag(
            "failure_code",
            task.failureCode() == null
                ? "none"
                : task.failureCode().name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
    credits(task.state() == TaskState.SUCCEEDED ? "captured" : "released").increment(task.price());
    if (task.completedAt() != null) {
      Timer.builder(DURATION)
          .description("Time from submit to the end of a task")
          .tag("model", task.model())
          .tag("outcome", outcome)
          .publishPercentileHistogram()
          .maximumExpectedValue(Duration.ofHours(2))
          .register(registry)
          .record(Duration.ofMillis(Math.max(0, task.completedAt() - task.createdAt())));
    }
    if (task.startedAt() != null && started.asMap().remove(task.id()) == null) {
      // a task that started on another node, or before a restart, is timed at its end
      queueWait(task).record(Duration.ofMillis(Math.max(0, task.startedAt() - task.createdAt())));
    }
  }

  private Timer queueWait(TaskRecord task) {
    return Timer.builder(QUEUE_WAIT)
        .description("Time from submit to the first start on a channel")
        .tag("model", task.model())
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofHours(1))
        .register(registry);
  }

  private Counter credits(String movement) {
    return Counter.builder(CREDITS)
        .description("Credits reserved at submit, captured on success, released otherwise")
        .baseUnit("credits")
        .tag("movement", movement)
        .register(registry);
  }
}
