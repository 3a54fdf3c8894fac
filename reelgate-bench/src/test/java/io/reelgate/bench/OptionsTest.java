package io.reelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void defaultsAreOneNodeOnH2WithLocalStorageAndEveryScenario() {
    Options o = Options.parse();

    assertThat(o.db()).isEqualTo("h2");
    assertThat(o.nodes()).isEqualTo(1);
    assertThat(o.storage()).isEqualTo("local");
    assertThat(o.s3()).isFalse();
    assertThat(Options.ALL).allSatisfy(s -> assertThat(o.runs(s)).isTrue());
  }

  @Test
  void twoNodesOnPostgresWithS3() {
    Options o = Options.parse("--quick", "--db", "postgres", "--nodes", "2", "--storage", "s3");

    assertThat(o.nodes()).isEqualTo(2);
    assertThat(o.s3()).isTrue();
    assertThat(o.quick()).isTrue();
  }

  @Test
  void twoNodesNeedPostgres() {
    assertThatThrownBy(() -> Options.parse("--nodes", "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--nodes 2 requires --db postgres");
  }

  @Test
  void refusesOtherNodeCountsAndStorages() {
    assertThatThrownBy(() -> Options.parse("--db", "postgres", "--nodes", "3"))
        .hasMessageContaining("--nodes must be 1 or 2");
    assertThatThrownBy(() -> Options.parse("--storage", "gcs"))
        .hasMessageContaining("--storage must be local or s3");
    assertThatThrownBy(() -> Options.parse("--nodes")).hasMessageContaining("needs a value");
  }

  @Test
  void onlySelectsTheNamedScenariosIncludingStatusEtag() {
    Options o = Options.parse("--only", "status_etag,download");

    assertThat(o.runs("status_etag")).isTrue();
    assertThat(o.runs("download")).isTrue();
    assertThat(o.runs("status")).isFalse();
    assertThatThrownBy(() -> Options.parse("--only", "memory"))
        .hasMessageContaining("unknown scenario memory");
  }

  @Test
  void upstreamLatencyMustBeAWholeNonNegativeNumber() {
    assertThat(Options.parse("--upstream-latency-ms", "25").upstreamLatencyMillis()).isEqualTo(25);
    assertThatThrownBy(() -> Options.parse("--upstream-latency-ms", "-1"))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> Options.parse("--upstream-latency-ms", "fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole number");
  }

  @Test
  void sizesOfQuickAndFullMode() {
    assertThat(Options.parse("--quick").largestInFlight()).isEqualTo(2_000);
    assertThat(Options.parse().largestInFlight()).isEqualTo(10_000);
    assertThat(Options.parse("--quick").statusEtagSeconds())
        .isLessThan(Options.parse().statusEtagSeconds());
  }
}
