package io.reelgate.server.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusBodiesTest {

  @Test
  void anEtagNamesTheViewTheTaskAndItsVersion() {
    assertThat(StatusBodies.etag("apixo", "task_1", 3)).isEqualTo("\"apixo-task_1-3\"");
  }

  @Test
  void ifNoneMatchAcceptsListsWeakTagsAndTheWildcard() {
    String tag = StatusBodies.etag("apixo", "task_1", 3);
    assertThat(StatusBodies.matches(tag, tag)).isTrue();
    assertThat(StatusBodies.matches("W/" + tag, tag)).isTrue();
    assertThat(StatusBodies.matches("\"other\", " + tag, tag)).isTrue();
    assertThat(StatusBodies.matches("*", tag)).isTrue();
    assertThat(StatusBodies.matches(StatusBodies.etag("apixo", "task_1", 2), tag)).isFalse();
    assertThat(StatusBodies.matches(StatusBodies.etag("pixazo", "task_1", 3), tag)).isFalse();
    assertThat(StatusBodies.matches(null, tag)).isFalse();
    assertThat(StatusBodies.matches(" ", tag)).isFalse();
  }
}
