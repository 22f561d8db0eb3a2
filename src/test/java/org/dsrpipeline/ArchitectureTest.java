package org.dsrpipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** The Camunda rules of docs/architecture.md that code can check. */
@AnalyzeClasses(packages = "org.dsrpipeline", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Keeps the code portable to the Camunda 7 forks: the engine is reached from one place. */
  @ArchTest
  static final ArchRule engineApiOnlyInWorkflowDelegatesAndSecurity = noClasses()
      .that().resideOutsideOfPackages("..workflow..", "..request.process..", "..rights.process..", "..security..")
      .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine..");

  @ArchTest
  static final ArchRule delegatesAreNamedForWhatTheyDo = classes()
      .that().implement(JavaDelegate.class)
      .should().haveSimpleNameEndingWith("Delegate")
      .andShould().notBePublic();
}
