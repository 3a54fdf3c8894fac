package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoalsTest {
  @Test
  void eachGoalIsMetNotMetOrNotRun() {
    Map<String, Report.Metric> m =
        Map.of(
            "status.throughput_ratio_to_baseline", new Report.Metric(0.26, "1"),
            "status.server.p99", new Report.Metric(4.2, "ms"),
            "memory.inflight_push_2000.histogram_bytes_per_task", new Report.Metric(1500, "bytes"),
            "memory.inflight_push_2000.heap_per_task", new Report.Metric(4096, "bytes"));

    List<String> lines = Goals.lines(m, Options.parse("--quick"));

    assertThat(lines)
        .contains(
            "| status throughput ≥ 50% of the baseline | 26% of the baseline | not met: 52% of the"
                + " goal |",
            "| status p99 ≤ 5 ms | 4.20 ms | met |",
            "| submit p99 ≤ 25 ms | not run | — |",
            "| ≤ 2 KiB of heap per task in flight (2000 push), by class histogram | 1500 bytes |"
                + " met |",
            "| … the same read as the difference of the total heap | 4096 bytes | not met: 2.0×"
                + " the limit |");
    assertThat(lines.get(lines.size() - 1)).contains("Quick mode runs 2000 tasks in flight");
  }

  @Test
  void theSubmitGoalSaysItIsForH2OnPostgres() {
    List<String> lines = Goals.lines(Map.of(), Options.parse("--db", "postgres"));

    assertThat(lines).contains("| submissions ≥ 2,000/s (goal is for H2) | not run | — |");
    assertThat(lines).noneMatch(l -> l.startsWith("Quick mode"));
  }
}
