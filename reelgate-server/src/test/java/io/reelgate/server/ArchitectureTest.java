package io.reelgate.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package rules ({@link ArchitectureRules}) on the server's classes, and the module rules: the
 * core knows no framework, the providers know no server, features never reach up to the API.
 */
class ArchitectureTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.reelgate");

  private final ArchitectureRules rules = new ArchitectureRules("io.reelgate.server");

  @Test
  void noCyclesBetweenFeatures() {
    rules.noCyclesBetweenFeatures().check(CLASSES);
  }

  @Test
  void internalsStayInsideTheirFeature() {
    rules.internalsStayInsideTheirFeature().check(CLASSES);
  }

  @Test
  void httpLayerNeverTouchesRepositories() {
    rules.httpLayerNeverTouchesRepositories().check(CLASSES);
  }

  @Test
  void dialectsDoNotSeeEachOther() {
    rules.dialectsDoNotSeeEachOther().check(CLASSES);
  }

  @Test
  void exceptionsDescendFromTheRoot() {
    rules.exceptionsDescendFromTheRoot().check(CLASSES);
  }

  @Test
  void featuresDoNotDependOnTheApiLayer() {
    noClasses()
        .that()
        .resideInAPackage("io.reelgate.server..")
        .and()
        .resideOutsideOfPackage("io.reelgate.server.api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.reelgate.server.api..")
        .check(CLASSES);
  }

  @Test
  void theCoreHasNoFrameworkAndNoServerDependency() {
    noClasses()
        .that()
        .resideInAPackage("io.reelgate.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "io.reelgate.server..",
            "io.reelgate.providers..",
            "java.net.http..")
        .check(CLASSES);
  }

  @Test
  void providersDoNotKnowTheServer() {
    noClasses()
        .that()
        .resideInAPackage("io.reelgate.providers..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.reelgate.server..", "org.springframework..")
        .check(CLASSES);
  }
}
