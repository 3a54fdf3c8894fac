/**
 * Per-key limits of a model: submissions per minute (token buckets) and unfinished tasks at once (a
 * counter row kept in the transactions that create and finish tasks), with per-key overrides.
 */
package io.reelgate.server.limits;
