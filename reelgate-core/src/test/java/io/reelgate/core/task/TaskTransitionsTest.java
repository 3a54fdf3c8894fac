package io.reelgate.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskTransitionsTest {

  /** Every pair of states, spelled out: the table allows exactly these moves. */
  @Test
  void everyPairIsAllowedOrRefusedAsSpecified() {
    Set<String> allowed =
        Set.of(
            "QUEUED>RUNNING",
            "QUEUED>FAILED",
            "QUEUED>CANCELLED",
            "RUNNING>STORING",
            "RUNNING>FAILED",
            "RUNNING>CANCELLED",
            "STORING>SUCCEEDED",
            "STORING>FAILED");
    for (TaskState from : TaskState.values()) {
      for (TaskState to : TaskState.values()) {
        boolean expected = allowed.contains(from + ">" + to);
        assertThat(TaskTransitions.isAllowed(from, to)).as(from + " -> " + to).isEqualTo(expected);
        if (expected) {
          TaskTransitions.check(from, to);
        } else {
          assertThatThrownBy(() -> TaskTransitions.check(from, to))
              .isInstanceOf(IllegalTransitionException.class)
              .hasMessageContaining(from.name())
              .hasMessageContaining(to.name());
        }
      }
    }
  }

  @Test
  void terminalStatesHaveNoWayOut() {
    for (TaskState state : EnumSet.of(TaskState.SUCCEEDED, TaskState.FAILED, TaskState.CANCELLED)) {
      assertThat(state.isTerminal()).isTrue();
      assertThat(TaskTransitions.next(state)).isEmpty();
    }
  }

  @Test
  void theDiagramIsGeneratedFromTheTable() {
    String diagram = TaskTransitions.mermaid();
    assertThat(diagram).startsWith("stateDiagram-v2").contains("QUEUED --> RUNNING");
    assertThat(diagram).doesNotContain("SUCCEEDED --> FAILED");
  }

  @Test
  void theArchitectureDocShowsTheCurrentTable() throws java.io.IOException {
    java.nio.file.Path doc = java.nio.file.Path.of("..", "docs", "architecture.md");
    assertThat(java.nio.file.Files.readString(doc)).contains(TaskTransitions.mermaid());
  }
}
