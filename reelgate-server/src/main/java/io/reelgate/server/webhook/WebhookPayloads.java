package io.reelgate.server.webhook;

import io.reelgate.server.task.TaskRecord;

/**
 * What a dialect sends to a task's callback URL when the task finishes. Each dialect that accepts
 * callbacks provides one as a Spring bean; the outbox picks the one of the dialect that created the
 * task.
 */
public interface WebhookPayloads {
  /** The dialect, as stored in {@link TaskRecord#dialect()}. */
  String dialect();

  /** The body to send for a finished task, as a value the JSON mapper writes. */
  Object payload(TaskRecord task);
}
