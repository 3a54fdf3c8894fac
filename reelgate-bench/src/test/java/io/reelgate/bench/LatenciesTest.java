package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatenciesTest {
  @Test
  void percentilesThroughputAndErrorsOfRecordedLatencies() {
    Latencies latencies = new Latencies();
    for (int ms = 1; ms <= 100; ms++) {
      latencies.recordNanos(TimeUnit.MILLISECONDS.toNanos(ms));
    }
    latencies.error();
    Report report = new Report();

    latencies.report(report, "x", TimeUnit.SECONDS.toNanos(2), "requests/s");

    var m = report.metrics();
    assertThat(m.get("x.count").value()).isEqualTo(100);
    assertThat(m.get("x.throughput").value()).isEqualTo(50);
    assertThat(m.get("x.p50").value()).isCloseTo(50, within(0.1));
    assertThat(m.get("x.p95").value()).isCloseTo(95, within(0.1));
    assertThat(m.get("x.p99").value()).isCloseTo(99, within(0.1));
    assertThat(m.get("x.max").value()).isCloseTo(100, within(0.1));
    assertThat(m.get("x.p99").unit()).isEqualTo("ms");
    assertThat(m.get("x.errors").value()).isEqualTo(1);
  }

  @Test
  void negativeLatenciesCountAsZero() {
    Latencies latencies = new Latencies();
    latencies.recordNanos(-5_000_000);
    assertThat(latencies.histogram().getMaxValue()).isZero();
    assertThat(latencies.histogram().getTotalCount()).isEqualTo(1);
  }
}
