/**
 * Late results: upstream jobs that finished after Reelgate had given up on their task (failed with
 * {@code PROCESSING_TIMEOUT}, not charged, cancelled upstream). They are recorded once per task so
 * the operator can reconcile what the upstream billed; {@link
 * io.reelgate.server.lateresults.LateResults} writes and lists them.
 */
package io.reelgate.server.lateresults;
