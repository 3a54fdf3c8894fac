package io.reelgate.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TermListPolicyTest {
  private final TermListPolicy policy =
      new TermListPolicy(List.of("forbidden word", "zebra"), List.of("\\bmoon\\s*shot\\b"));

  @Test
  void termsMatchWholeWordsIgnoringCaseAccentsAndSpacing() {
    assertThat(policy.violation("A FORBIDDEN   Word here"))
        .contains("matches term \"forbidden word\"");
    assertThat(policy.violation("a Zébra crossing")).contains("matches term \"zebra\"");
    assertThat(policy.violation("zebras and forbiddenword")).isEmpty();
  }

  @Test
  void patternsAreCaseInsensitive() {
    assertThat(policy.violation("the MOON SHOT")).contains("matches pattern /\\bmoon\\s*shot\\b/");
  }

  @Test
  void aBadPatternIsNamedAtStartUp() {
    assertThatThrownBy(() -> new TermListPolicy(List.of(), List.of("(")))
        .hasMessageContaining("reelgate.moderation.patterns: \"(\"");
  }
}
