package dev.crossmesh.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The design's package rules, enforced: they keep the model and rendering testable without a screen or a cluster. */
class LayeringTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.crossmesh");

    @Test
    void onlyUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackages("dev.crossmesh.ui..")
                .and().doNotHaveFullyQualifiedName("dev.crossmesh.Launcher")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..", "org.fxmisc..", "org.kordamp..")
                .check(CLASSES);
    }

    @Test
    void onlyKubeStatusAndDemoUseFabric8() {
        noClasses().that().resideOutsideOfPackages("dev.crossmesh.kube..", "dev.crossmesh.status..", "dev.crossmesh.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..")
                .check(CLASSES);
    }

    @Test
    void planAndRenderArePure() {
        noClasses().that().resideInAnyPackage("dev.crossmesh.plan..", "dev.crossmesh.render..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.crossmesh.kube..", "dev.crossmesh.status..",
                        "dev.crossmesh.demo..", "dev.crossmesh.cli..", "dev.crossmesh.ui..", "dev.crossmesh.certs..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.crossmesh.plan..")
                .should().dependOnClassesThat().resideInAPackage("dev.crossmesh.render..")
                .check(CLASSES);
    }

    @Test
    void cliAndUiDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("dev.crossmesh.cli..").should().dependOnClassesThat().resideInAPackage("dev.crossmesh.ui..").check(CLASSES);
        noClasses().that().resideInAPackage("dev.crossmesh.ui..").should().dependOnClassesThat().resideInAPackage("dev.crossmesh.cli..").check(CLASSES);
    }

    /** What a release means lives in one table: nothing else orders Istio versions (issue "Istio releases as data"). */
    @Test
    void onlyTheReleaseTableComparesIstioVersions() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.crossmesh.plan.IstioReleases")
                .and().doNotHaveFullyQualifiedName("dev.crossmesh.plan.IstioVersion")
                .should().callMethod(dev.crossmesh.plan.IstioVersion.class, "compareTo", dev.crossmesh.plan.IstioVersion.class)
                .orShould().callMethod(dev.crossmesh.plan.IstioVersion.class, "major")
                .orShould().callMethod(dev.crossmesh.plan.IstioVersion.class, "minor")
                .orShould().callMethod(dev.crossmesh.plan.IstioVersion.class, "patch")
                .because("version rules belong in dev.crossmesh.plan.IstioReleases, each with its source at the Istio tag")
                .check(CLASSES);
    }
}
