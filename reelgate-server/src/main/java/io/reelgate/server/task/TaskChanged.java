package io.reelgate.server.task;

/**
 * Published inside the transaction of every change of a task row made by {@link TaskLifecycle},
 * with the row as written. Listeners that act on committed state (such as live status streams)
 * listen after the commit.
 */
public record TaskChanged(TaskRecord task) {}
