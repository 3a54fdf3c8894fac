package io.reelgate.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  @Test
  void readsEventsCommentsAndMultiLineData() {
    List<SseEvent> events = new ArrayList<>();
    SseParser p = new SseParser(events::add);
    for (String line :
        List.of(
            ":heartbeat",
            "",
            "id:task_1:1",
            "data:{\"a\":1}",
            "",
            "id: task_1:2",
            "event: update",
            "data: line one",
            "data:line two",
            "",
            "data",
            "",
            "retry: 1000",
            "")) {
      p.line(line);
    }
    assertThat(events)
        .containsExactly(
            new SseEvent("task_1:1", null, "{\"a\":1}"),
            new SseEvent("task_1:2", "update", "line one\nline two"),
            new SseEvent("task_1:2", null, ""));
  }

  @Test
  void anEventWithoutItsBlankLineIsNotDispatched() {
    List<SseEvent> events = new ArrayList<>();
    SseParser p = new SseParser(events::add);
    p.line("data: cut off");
    assertThat(events).isEmpty();
  }
}
