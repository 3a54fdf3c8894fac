package io.reelgate.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextSceneTest {
  @Test
  void promptWordsPickTheTheme() {
    assertThat(theme("Waves crashing on a rocky ocean shore")).isEqualTo("sea");
    assertThat(theme("Neon city streets, cyberpunk")).isEqualTo("city");
    assertThat(theme("cherry blossom petals")).isEqualTo("flowers");
    assertThat(theme("a camel in the desert")).isEqualTo("desert");
    assertThat(theme("quarterly revenue report")).isNull();
  }

  @Test
  void nightWordsDarkenAnotherThemesSkyAndAddStars() {
    TextScene.Theme forest = TextScene.THEMES.get(2);
    TextScene.Theme atNight = TextScene.atTimeOfDay(forest, List.of("forest", "at", "night"));
    assertThat(atNight.stars()).isTrue();
    assertThat(YuvFrame.lumaOf(atNight.skyTop())).isLessThan(YuvFrame.lumaOf(forest.skyTop()));
  }

  @Test
  void captionsWrapInsideTheWidthAndEndInAnEllipsisWhenCut() {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
    FontMetrics fm = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
    String longPrompt = "a very long prompt ".repeat(30).strip();

    List<String> lines = Captions.wrap(longPrompt, fm, 300);
    assertThat(lines).hasSize(Captions.MAX_LINES);
    assertThat(lines).allSatisfy(l -> assertThat(fm.stringWidth(l)).isLessThanOrEqualTo(300));
    assertThat(lines.get(2)).endsWith("\u2026");

    assertThat(Captions.wrap("short and sweet", fm, 300)).containsExactly("short and sweet");
    List<String> unbroken = Captions.wrap("x".repeat(200), fm, 300);
    assertThat(unbroken).allSatisfy(l -> assertThat(fm.stringWidth(l)).isLessThanOrEqualTo(300));
  }

  private static String theme(String prompt) {
    TextScene.Theme t = TextScene.pickTheme(TextScene.words(prompt), 0);
    return t == null ? null : t.name();
  }
}
