/**
 * What the dialects share: strict JSON body reading and typed field reads, the {@code
 * Idempotency-Key} header, live task status as server-sent events, and the listing and re-sending
 * of a task's webhooks.
 */
package io.reelgate.server.api.common;
