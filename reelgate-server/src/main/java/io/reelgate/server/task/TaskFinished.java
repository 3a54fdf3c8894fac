package io.reelgate.server.task;

/**
 * Published inside the transaction that moves a task to a terminal state, so that what must happen
 * with it (such as writing its webhook) commits or rolls back together with the state change.
 */
public record TaskFinished(TaskRecord task) {}
