package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassHistogramTest {
  private static final String BEFORE =
      """
      11773:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:         15000         750000  [B (java.base@25.0.3)
         2:         15000         360000  java.lang.String (java.base@25.0.3)
         3:             1          65552  [Ljava.util.concurrent.ConcurrentHashMap$Node; (java.base@25.0.3)
         4:           100           4000  org.h2.mvstore.Page$Leaf
      Total         30101        1179552
      """;

  private static final String WITH_1000_TASKS =
      """
      11773:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:         19000        1150000  [B (java.base@25.0.3)
         2:         18000         432000  java.lang.String (java.base@25.0.3)
         3:             1         131088  [Ljava.util.concurrent.ConcurrentHashMap$Node; (java.base@25.0.3)
         4:          1000          48000  io.reelgate.server.jobs.UpstreamPoller$Tracked
         5:           300          12000  org.h2.mvstore.Page$Leaf
         6:           400          12800  java.util.HashMap$Node (java.base@25.0.3)
      Total         38701        1785888
      """;

  @Test
  void readsEveryRowOfJcmdOutput() {
    ClassHistogram h = ClassHistogram.parse(WITH_1000_TASKS);

    assertThat(h.entry("[B").instances()).isEqualTo(19000);
    assertThat(h.entry("[B").bytes()).isEqualTo(1150000);
    assertThat(h.entry("io.reelgate.server.jobs.UpstreamPoller$Tracked").bytes()).isEqualTo(48000);
    assertThat(h.totalInstances()).isEqualTo(38701);
    assertThat(h.totalBytes()).isEqualTo(1785888);
  }

  @Test
  void refusesOutputThatIsNoHistogram() {
    assertThatThrownBy(() -> ClassHistogram.parse("12345:\nCommand not found"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a class histogram");
  }

  @Test
  void growthKeepsClassesWithAtLeastOneNewInstancePerTwoTasksMostBytesFirst() {
    ClassHistogram before = ClassHistogram.parse(BEFORE);
    ClassHistogram with = ClassHistogram.parse(WITH_1000_TASKS);

    List<ClassHistogram.Growth> grown = with.growthSince(before, 1000);

    // the map's table grew in bytes but not in instances; 200 more H2 pages and 400 map nodes
    // are fewer than one per two tasks
    assertThat(grown)
        .extracting(ClassHistogram.Growth::className)
        .containsExactly(
            "[B", "java.lang.String", "io.reelgate.server.jobs.UpstreamPoller$Tracked");
    assertThat(grown.get(0).instances()).isEqualTo(4000);
    assertThat(grown.get(0).bytes()).isEqualTo(400000);
    assertThat(ClassHistogram.bytes(grown)).isEqualTo(400000 + 72000 + 48000);
  }

  @Test
  void noGrowthWithoutTasks() {
    ClassHistogram h = ClassHistogram.parse(WITH_1000_TASKS);

    assertThat(h.growthSince(ClassHistogram.parse(BEFORE), 0)).isEmpty();
    assertThat(h.growthSince(h, 1000)).isEmpty();
  }

  @Test
  void histogramsOfSeveralNodesAddUpByClass() {
    ClassHistogram sum =
        ClassHistogram.sum(
            List.of(ClassHistogram.parse(BEFORE), ClassHistogram.parse(WITH_1000_TASKS)));

    assertThat(sum.entry("java.lang.String").instances()).isEqualTo(33000);
    assertThat(sum.entry("io.reelgate.server.jobs.UpstreamPoller$Tracked").instances())
        .isEqualTo(1000);
    assertThat(sum.totalBytes()).isEqualTo(1179552 + 1785888);
  }

  @Test
  void aClassLoadedTwiceCountsOnce() {
    ClassHistogram h =
        ClassHistogram.parse(
            """
               1:            10            160  io.reelgate.server.Foo
               2:             5             80  io.reelgate.server.Foo
            """);

    assertThat(h.entry("io.reelgate.server.Foo").instances()).isEqualTo(15);
  }

  @Test
  void namesAndPackagesAsJavaSpellsThem() {
    assertThat(ClassHistogram.display("[B")).isEqualTo("byte[]");
    assertThat(ClassHistogram.display("[[J")).isEqualTo("long[][]");
    assertThat(ClassHistogram.display("[Ljava.lang.Object;")).isEqualTo("java.lang.Object[]");
    assertThat(ClassHistogram.display("java.lang.String")).isEqualTo("java.lang.String");
    assertThat(ClassHistogram.packageOf("[B")).isEmpty();
    assertThat(ClassHistogram.packageOf("[Ljava.util.HashMap$Node;")).isEqualTo("java.util");
    assertThat(ClassHistogram.packageOf("io.reelgate.server.jobs.UpstreamPoller$Tracked"))
        .isEqualTo("io.reelgate.server.jobs");
    assertThat(ClassHistogram.packageOf("java.lang.invoke.LambdaForm$MH/0x0000000801004400"))
        .isEqualTo("java.lang.invoke");
  }
}
