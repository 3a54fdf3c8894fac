/**
 * Operational metrics, all named {@code reelgate.*} ({@code reelgate_*} in Prometheus): counters
 * and histograms derived from task changes, gauges read from the database and from the channels,
 * and the renderer's speed. This package depends on the features and no feature depends on it; what
 * a feature measures itself (upstream calls, task steps, storage, webhook attempts) it reports as
 * Micrometer observations, which become timers here and spans when tracing is on (ADR 0014).
 */
package io.reelgate.server.metrics;
