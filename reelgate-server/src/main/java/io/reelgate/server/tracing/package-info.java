/**
 * One trace per task across its durable job: the submit request's trace context is kept with the
 * task ({@code task_traces}), and every later piece of the task's work — its steps, polls,
 * completion and webhook sends, on whichever thread or node — continues that trace. Nothing is
 * written while tracing is off (ADR 0014).
 */
package io.reelgate.server.tracing;
