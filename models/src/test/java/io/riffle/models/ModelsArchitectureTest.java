package io.riffle.models;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** models/ is pure Java: learners and records must run (and be tested) without Flink. */
class ModelsArchitectureTest {
    @Test
    void modelsDoNotDependOnFlink() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.riffle.models");
        noClasses().that().resideInAPackage("io.riffle.models..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.flink..")
                .because("models/ must stay free of Flink (DEVELOPERS.md, Architecture)")
                .check(classes);
    }
}
