package dev.crossmesh.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/**
 * The wizard's own layering: view-models hold state and commands and know no nodes, so they are tested without a
 * screen; steps know nothing of the app frame, so the frame can change without touching them.
 */
class UiArchitectureTest {

    @Test
    void viewModelsUseBeansAndCollectionsButNoNodes() {
        noClasses().that().resideInAPackage("dev.crossmesh.ui..").and().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.controlsfx..",
                        "atlantafx..", "org.fxmisc..", "org.kordamp..")
                .check(LayeringTest.CLASSES);
    }

    @Test
    void stepsDoNotKnowTheAppFrame() {
        noClasses().that().resideInAnyPackage("dev.crossmesh.ui.core..", "dev.crossmesh.ui.clusters..", "dev.crossmesh.ui.mesh..",
                        "dev.crossmesh.ui.networks..", "dev.crossmesh.ui.preview..", "dev.crossmesh.ui.apply..", "dev.crossmesh.ui.live..")
                .should().dependOnClassesThat().resideInAPackage("dev.crossmesh.ui.shell..")
                .check(LayeringTest.CLASSES);
    }

    @Test
    void servicesNeverReachForTheUiThreadThemselves() {
        noClasses().that().resideInAPackage("dev.crossmesh.ui..").and().haveSimpleNameEndingWith("ViewModel")
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .check(LayeringTest.CLASSES);
    }
}
