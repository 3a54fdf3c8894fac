package io.reelgate.server.cluster;

/**
 * Another node committed a change of a task: its id, its account and the version it wrote. Whoever
 * shows the task reads the row when it needs the change.
 */
public record RemoteTaskChange(String taskId, String accountId, int version) {}
