package io.reelgate.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import io.reelgate.core.ReelgateException;
import java.util.List;

/**
 * The package rules of the server, written for any root package so that a test can also show each
 * of them failing on classes that break it on purpose ({@code io.reelgate.archfixture}).
 *
 * <ul>
 *   <li>no cycles between the feature packages directly under the root;
 *   <li>nothing outside a feature touches the feature's {@code internal} package;
 *   <li>the HTTP layer ({@code api..}) never touches repositories or JDBC;
 *   <li>dialects ({@code api.apixo}, {@code api.pixazo}, {@code api.openai}) never see each other;
 *   <li>every exception class descends from {@link ReelgateException}.
 * </ul>
 */
final class ArchitectureRules {
  static final List<String> DIALECTS = List.of("apixo", "pixazo", "openai");

  private final String root;

  ArchitectureRules(String root) {
    this.root = root;
  }

  ArchRule noCyclesBetweenFeatures() {
    return SlicesRuleDefinition.slices()
        .matching(root + ".(*)..")
        .should()
        .beFreeOfCycles()
        .because("features talk through small public faces, one way");
  }

  ArchRule internalsStayInsideTheirFeature() {
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .should(notReachIntoAnotherFeaturesInternals())
        .because("a feature's internal package is its own business");
  }

  ArchRule httpLayerNeverTouchesRepositories() {
    return noClasses()
        .that()
        .resideInAPackage(root + ".api..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are repositories or JDBC",
                (JavaClass c) ->
                    c.isAnnotatedWith(org.springframework.stereotype.Repository.class)
                        || c.getPackageName().startsWith("org.springframework.jdbc")
                        || c.getPackageName().startsWith("javax.sql")))
        .because("the HTTP layer asks the features, which own their tables");
  }

  ArchRule dialectsDoNotSeeEachOther() {
    return classes()
        .that()
        .resideInAPackage(root + ".api..")
        .should(notDependOnAnotherDialect())
        .because("each dialect only translates its own wire format");
  }

  ArchRule exceptionsDescendFromTheRoot() {
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .areAssignableTo(Throwable.class)
        .should()
        .beAssignableTo(ReelgateException.class)
        .because("every exception the server throws on purpose has the one root");
  }

  List<ArchRule> all() {
    return List.of(
        noCyclesBetweenFeatures(),
        internalsStayInsideTheirFeature(),
        httpLayerNeverTouchesRepositories(),
        dialectsDoNotSeeEachOther(),
        exceptionsDescendFromTheRoot());
  }

  /** The feature of a class: the first package under the root, or null for the root itself. */
  private String featureOf(String packageName) {
    if (!packageName.startsWith(root + ".")) {
      return null;
    }
    String rest = packageName.substring(root.length() + 1);
    int dot = rest.indexOf('.');
    String first = dot < 0 ? rest : rest.substring(0, dot);
    // why: the dialects under api are features of their own for this rule
    if (first.equals("api") && dot > 0) {
      String sub = rest.substring(dot + 1);
      int dot2 = sub.indexOf('.');
      return "api." + (dot2 < 0 ? sub : sub.substring(0, dot2));
    }
    return first;
  }

  private ArchCondition<JavaClass> notReachIntoAnotherFeaturesInternals() {
    return new ArchCondition<>("not depend on another feature's internal package") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String own = featureOf(origin.getPackageName());
        origin
            .getDirectDependenciesFromSelf()
            .forEach(
                d -> {
                  String target = d.getTargetClass().getPackageName();
                  if (target.startsWith(root + ".")
                      && (target.contains(".internal.") || target.endsWith(".internal"))
                      && !java.util.Objects.equals(featureOf(target), own)) {
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                  }
                });
      }
    };
  }

  private ArchCondition<JavaClass> notDependOnAnotherDialect() {
    return new ArchCondition<>("not depend on another dialect") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String own = dialectOf(origin.getPackageName());
        if (own == null) {
          return;
        }
        origin
            .getDirectDependenciesFromSelf()
            .forEach(
                d -> {
                  String other = dialectOf(d.getTargetClass().getPackageName());
                  if (other != null && !other.equals(own)) {
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                  }
                });
      }
    };
  }

  private String dialectOf(String packageName) {
    for (String dialect : DIALECTS) {
      String p = root + ".api." + dialect;
      if (packageName.equals(p) || packageName.startsWith(p + ".")) {
        return dialect;
      }
    }
    return null;
  }
}
