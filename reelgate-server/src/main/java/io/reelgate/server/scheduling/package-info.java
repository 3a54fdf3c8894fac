/**
 * Durable jobs on db-scheduler: implements the task core's {@link io.reelgate.server.task.TaskJobs}
 * port with one job per unfinished task (instance id = task id, job name {@code advance-task}) that
 * calls the {@link io.reelgate.server.engine.TaskEngine} each time it runs, and takes jobs back at
 * start-up. Nothing outside this package knows db-scheduler's task jobs.
 */
package io.reelgate.server.scheduling;
