package io.reelgate.server.task;

/**
 * Published inside the transaction that cancels a task, after {@link TaskFinished}. What must
 * follow outside the database, such as asking the task's upstream to stop its job, belongs in a
 * {@code @TransactionalEventListener} so it runs only once the cancellation has committed. {@link
 * TaskRecord#channelId()} and {@link TaskRecord#upstreamJobId()} say where the task ran; both are
 * null when it was still queued.
 */
public record TaskCancelled(TaskRecord task) {}
