/**
 * The task core: accepting a task ({@link io.reelgate.server.task.TaskService}), every later change
 * of it ({@link io.reelgate.server.task.TaskLifecycle}, one transition table, version-checked
 * rows), reads ({@link io.reelgate.server.task.TaskQueries}) and the events a change publishes. It
 * owns the port it needs to the durable jobs ({@link io.reelgate.server.task.TaskJobs}). Rows,
 * idempotency keys and the transactions with their lock order are in {@code internal}.
 */
package io.reelgate.server.task;
