package io.reelgate.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Package rules: dialects only translate, and the features below them never reach up to them. */
class ArchitectureTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.reelgate");

  @Test
  void dialectsDoNotTalkToEachOther() {
    noClasses()
        .that()
        .resideInAPackage("..api.apixo..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..api.pixazo..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("..api.pixazo..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..api.apixo..")
        .check(CLASSES);
  }

  @Test
  void featuresDoNotDependOnTheApiLayer() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.reelgate.server.task..",
            "io.reelgate.server.jobs..",
            "io.reelgate.server.billing..",
            "io.reelgate.server.access..",
            "io.reelgate.server.storage..",
            "io.reelgate.server.routing..",
            "io.reelgate.server.fetch..",
            "io.reelgate.server.moderation..",
            "io.reelgate.server.limits..")
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
