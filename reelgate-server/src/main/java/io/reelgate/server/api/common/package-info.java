/**
 * What the dialects share: the dialect contract ({@link io.reelgate.server.api.common.Dialect}),
 * the one resolver of the calling key ({@link io.reelgate.server.api.common.CallerArguments}),
 * strict JSON body reading and typed field reads, the {@code Idempotency-Key} header, live task
 * status as server-sent events, and the listing and re-sending of a task's webhooks.
 */
package io.reelgate.server.api.common;
