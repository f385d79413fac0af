package dev.crossmesh.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import dev.crossmesh.GuiRequest;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.ui.apply.ApplyStepViewModel;
import dev.crossmesh.ui.clusters.Reachability;
import dev.crossmesh.ui.core.WizardStep;
import dev.crossmesh.ui.shell.MainWindow;

/**
 * Issue 20, item 2: every step of the wizard at 1024x700 with 20 px text (a projector) against three demo clusters,
 * walked like a user; on each, {@link LayoutAudit} finds no label or button cut without its tooltip, nothing outside
 * its box and nothing on top of something else. Then Ctrl+0 (normal text) keeps the stepper's step names.
 */
class WizardLayoutFxTest {
    private MainWindow window;

    @AfterEach
    void close() throws Exception {
        WizardFx.close(window);
    }

    @Test
    void everyStepFitsAt1024x700WithTwentyPixelText(@TempDir Path dir) throws Exception {
        List<String> problems = new ArrayList<>();
        Path out = Path.of(System.getProperty("crossmesh.screenshots", "target/screenshots")).resolve("layout-1024-20px");
        try (DemoClusters demo = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            ScriptedDialogs dialogs = new ScriptedDialogs();
            window = WizardFx.show(WizardFx.services(dir, dialogs, List.of(demo.kubeconfig()), text -> { }),
                    new GuiRequest(null, false, demo.kubeconfig()), 1024, 700);
            WizardFx.runOnFx(() -> window.preferences().textSizeProperty().set(20));
            Stage stage = WizardFx.stage();
            FxRobot robot = new FxRobot();

            WizardFx.waitUntil("three contexts listed", () -> window.clustersStep().rows().size() == 3);
            for (int i = 1; i <= 3; i++) {
                robot.clickOn("#pick-demo-cluster-" + i);
            }
            WizardFx.waitUntil("three clusters reachable", () -> window.clustersStep().rows().stream()
                    .allMatch(r -> r.reachability().state() == Reachability.State.REACHABLE));
            audit("Clusters", problems, stage, out);

            robot.clickOn("#next");
            audit("Mesh", problems, stage, out);
            robot.clickOn("#next");
            audit("Networks", problems, stage, out);
            robot.clickOn("#next");
            WizardFx.waitUntil("preview rendered", () -> window.previewStep().validProperty().get());
            audit("Preview", problems, stage, out);

            robot.clickOn("#next");
            audit("Apply", problems, stage, out);
            robot.clickOn("#dryRun");
            WizardFx.waitUntil("the dry run passed", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.DRY_RUN_PASSED);
            dialogs.confirmations.add(true);
            robot.clickOn("#applyRun");
            WizardFx.waitUntil("the apply succeeded", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.SUCCEEDED);
            audit("Apply, done", problems, stage, out);

            robot.clickOn("#next");
            WizardFx.waitUntil("the live view shows the mesh", () -> WizardFlowTest.liveClustersSynced(window, 3));
            audit("Live", problems, stage, out);

            // Ctrl+0: back to the normal text size; the stepper names its steps again
            robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.DIGIT0).release(javafx.scene.input.KeyCode.CONTROL);
            WizardFx.waitUntil("normal text", () -> window.preferences().textSizeProperty().get() == 15);
            WizardFx.runOnFx(() -> {
                stage.setWidth(1366);
                stage.setHeight(768);
            });
            long named = WizardFx.onFx(() -> robot.lookup(".step-name").queryAll().stream().filter(n -> n.isVisible() && n.isManaged()).count());
            audit("Live, normal text, 1366x768", problems, stage, out);
            assertEquals(6, named, "after Ctrl+0 the stepper names all six steps");
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    private static void audit(String step, List<String> problems, Stage stage, Path out) throws Exception {
        WizardFx.waitUntil("laid out", () -> true);
        WizardFx.snapshot(stage, out.resolve(step.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase() + ".png"));
        for (String p : WizardFx.onFx(() -> LayoutAudit.of(stage.getScene(), WizardLayoutFxTest::drawing))) {
            problems.add(step + ": " + p);
        }
    }

    static boolean drawing(Node n) {
        return n.getStyleClass().contains("topology-canvas");
    }
}
