package io.reelgate.server.cluster;

/**
 * Another node committed a change of a task: its id, its account the version it wrote, and whether
 * the task reached its end. Whoever shows the task reads the row when it needs the change.
 */
public record RemoteTaskChange(String taskId, String accountId, int version, boolean finished) {}
