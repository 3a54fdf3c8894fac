package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioSizesTest {
  @Test
  void inflightRunNamesAndSpreadsAreThoseOfEarlierReports() {
    assertThat(InflightScenario.runName(2_000, true)).isEqualTo("inflight_push_2000");
    assertThat(InflightScenario.runName(500, false)).isEqualTo("inflight_poll_500");
    assertThat(InflightScenario.spreadMillis(2_000, true)).isEqualTo(5_000);
    assertThat(InflightScenario.spreadMillis(1_000, false)).isEqualTo(10_000);
    assertThat(InflightScenario.spreadMillis(10_000, false)).isEqualTo(30_000);
  }

  @Test
  void aFewOfThePolledTasksCompleteDuringTheConditionalPolls() {
    assertThat(StatusEtagScenario.movingTasks(4_000)).isEqualTo(40);
    assertThat(StatusEtagScenario.movingTasks(20_000)).isEqualTo(200);
    assertThat(StatusEtagScenario.movingTasks(100)).isEqualTo(10);
  }

  @Test
  void theSlowReceiverIsOwedAFifthAtLeastTwenty() {
    assertThat(SlowReceiverScenario.slowTasks(500)).isEqualTo(100);
    assertThat(SlowReceiverScenario.slowTasks(50)).isEqualTo(20);
  }

  @Test
  void renderTakesTheMedianOfItsRuns() {
    assertThat(RenderScenario.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(RenderScenario.median(new double[] {5})).isEqualTo(5);
  }

  @Test
  void memoryTableListsTheTopClassesTheRestAndTheSum() {
    List<ClassHistogram.Growth> grown =
        List.of(
            new ClassHistogram.Growth("[B", 4_000, 400_000),
            new ClassHistogram.Growth(
                "io.reelgate.server.jobs.UpstreamPoller$Tracked", 1_000, 48_000),
            new ClassHistogram.Growth("java.lang.String", 3_000, 24_000));

    List<String> table = MemoryScenario.table("inflight_push_1000", grown, 1_000, 2);

    assertThat(table.get(0)).contains("1,000 tasks of `inflight_push_1000`");
    assertThat(table)
        .contains(
            "| `byte[]` | — | 4.00 | 400.0 |",
            "| `io.reelgate.server.jobs.UpstreamPoller$Tracked` | `io.reelgate.server.jobs` | 1.00 |"
                + " 48.0 |",
            "| 1 more class | | | 24.0 |",
            "| **sum (3 classes)** | | | **472.0** |");
  }
}
