package dev.crossmesh.ui.topology;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The live view's own layering: the model, its diff, the layout and the details are plain Java (tested without a
 * screen); the view-model knows properties and collections but no nodes, and never reaches for the FX thread itself.
 */
class TopologyArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.crossmesh.ui.topology");

    @Test
    void modelLayoutAndDetailsArePlainJava() {
        noClasses().that().haveNameMatching("dev\\.crossmesh\\.ui\\.topology\\.(TopologyModel|TopologyBuilder|TopologyChange|TopologyLayout"
                        + "|LinkRouting|Details|DetailsBuilder|Health|Selection|GatewayRow|FindingRow|TimeText)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.kordamp..")
                .check(CLASSES);
    }

    @Test
    void theViewModelKnowsNoNodesAndNoFxThread() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "atlantafx..", "org.kordamp..")
                .check(CLASSES);
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .check(CLASSES);
    }
}
