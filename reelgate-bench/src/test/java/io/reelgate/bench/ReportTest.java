package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportTest {
  @Test
  void jsonMapsEachMetricToItsValueAndUnit() {
    Report report = new Report();
    report.context("processors", 2);
    report.put("submit.server.p99", 12.5, "ms");
    report.put("submit.server.throughput", 1800, "requests/s");

    JsonNode root = JsonMapper.builder().build().readTree(report.json());

    assertThat(root.path("metrics").path("submit.server.p99").path("value").asDouble())
        .isEqualTo(12.5);
    assertThat(root.path("metrics").path("submit.server.p99").path("unit").asString())
        .isEqualTo("ms");
    assertThat(root.path("metrics").path("submit.server.throughput").path("value").asDouble())
        .isEqualTo(1800);
    assertThat(root.path("context").path("processors").asInt()).isEqualTo(2);
  }

  @Test
  void markdownGroupsMetricsAndNotesByScenario() {
    Report report = new Report();
    report.note("inflight", "not run: no channels.");
    report.put("render.720p.frames_per_second", 31.25, "frames/s");
    report.put("status.server.count", 40000, "1");

    String md = report.markdown();

    assertThat(md).contains("## inflight\n\nnot run: no channels.");
    assertThat(md)
        .contains("## render")
        .contains("| render.720p.frames_per_second | 31.250 | frames/s |");
    assertThat(md).contains("| status.server.count | 40,000 | 1 |");
  }

  @Test
  void refusesFiguresThatAreNotNumbers() {
    Report report = new Report();
    assertThatThrownBy(() -> report.put("x.y", Double.NaN, "ms")).hasMessageContaining("x.y");
  }
}
