/**
 * The task engine: the step machine that moves an accepted task to its end. Owns choosing a
 * channel, fetching and checking the inputs, submitting or rendering, tracking the upstream job
 * (polling it from memory and taking pushed updates), storing the result and finishing the task,
 * and the one failure policy that decides retry, next channel or failure.
 *
 * <p>Public face: {@link io.reelgate.server.engine.TaskEngine} (one durable run of a task's job),
 * {@link io.reelgate.server.engine.UpstreamUpdates} (updates upstreams push), the port {@link
 * io.reelgate.server.engine.ResultStorage} that a storage implements, and {@link
 * io.reelgate.server.engine.Next}. Everything else is in {@code internal}.
 */
package io.reelgate.server.engine;
