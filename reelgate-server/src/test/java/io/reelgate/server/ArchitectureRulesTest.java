package io.reelgate.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * Each package rule fails on classes that break it on purpose ({@code io.reelgate.archfixture}, a
 * test-only package laid out like the server), so a rule that stopped checking anything would be
 * noticed here.
 */
class ArchitectureRulesTest {
  static final JavaClasses BROKEN =
      new ClassFileImporter().importPackages("io.reelgate.archfixture");

  private final ArchitectureRules rules = new ArchitectureRules("io.reelgate.archfixture");

  @Test
  void aCycleBetweenFeaturesFails() {
    assertThatThrownBy(() -> rules.noCyclesBetweenFeatures().check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("alpha")
        .hasMessageContaining("beta");
  }

  @Test
  void reachingIntoAnotherFeaturesInternalsFails() {
    assertThatThrownBy(() -> rules.internalsStayInsideTheirFeature().check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("archfixture.beta.Peeks")
        .hasMessageContaining("alpha.internal.Secret");
  }

  @Test
  void theHttpLayerTouchingJdbcFails() {
    assertThatThrownBy(() -> rules.httpLayerNeverTouchesRepositories().check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("api.pixazo.ReadsTheDatabase");
  }

  @Test
  void aDialectSeeingAnotherFails() {
    assertThatThrownBy(() -> rules.dialectsDoNotSeeEachOther().check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("api.apixo.BorrowsFromPixazo");
  }

  @Test
  void anExceptionOutsideTheRootFails() {
    assertThatThrownBy(() -> rules.exceptionsDescendFromTheRoot().check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("archfixture.beta.StrayException");
  }
}
