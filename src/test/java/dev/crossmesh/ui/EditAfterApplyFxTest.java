package dev.crossmesh.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;

import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import dev.crossmesh.GuiRequest;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.ui.apply.ApplyStepViewModel;
import dev.crossmesh.ui.core.WizardStep;
import dev.crossmesh.ui.shell.MainWindow;

/**
 * Issue 20, item 1: work is not lost after an edit. The Preview keeps showing YAML after an edit; an edit undone
 * (vpc-2 → vpc-3 → vpc-2) renders the same bytes as were applied, so the Apply step keeps its log, the gateway addresses
 * and Live; an edit that stays says the plan differs from what is applied, and Live still shows the applied mesh.
 */
class EditAfterApplyFxTest {
    private MainWindow window;

    @AfterEach
    void close() throws Exception {
        WizardFx.close(window);
    }

    @Test
    void anEditKeepsThePreviewAndAnUndoneEditKeepsTheApply(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(2).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            ScriptedDialogs dialogs = new ScriptedDialogs();
            Path planFile = WizardFx.twoClusterPlan(dir, "demo-cluster-1", "demo-cluster-2");
            window = WizardFx.show(WizardFx.services(dir, dialogs, List.of(demo.kubeconfig()), text -> { }),
                    new GuiRequest(planFile, false, demo.kubeconfig()), 1024, 700);
            FxRobot robot = new FxRobot();
            WizardFx.waitUntil("the plan's clusters are reachable", () -> window.clustersStep().validProperty().get());

            // the Preview shows YAML, and still does after an edit made on the Networks step
            goTo(robot, KeyCode.DIGIT4, WizardStep.PREVIEW);
            WizardFx.waitUntil("the preview is rendered", () -> window.previewStep().validProperty().get());
            WizardFx.waitUntil("YAML is shown", () -> !yaml(robot).isEmpty());
            edit(robot, "vpc-3");
            goTo(robot, KeyCode.DIGIT4, WizardStep.PREVIEW);
            WizardFx.waitUntil("the preview is rendered again", () -> window.previewStep().validProperty().get()
                    && window.previewStep().renderingProperty().get().plan().clusters().get(1).network().equals("vpc-3"));
            WizardFx.waitUntil("YAML is shown after the edit", () -> !yaml(robot).isEmpty() && isShowing(robot, "#manifestYaml"));
            edit(robot, "vpc-2");
            goTo(robot, KeyCode.DIGIT4, WizardStep.PREVIEW);
            WizardFx.waitUntil("the preview is rendered again", () -> window.previewStep().validProperty().get()
                    && window.previewStep().renderingProperty().get().plan().clusters().get(1).network().equals("vpc-2"));
            WizardFx.waitUntil("YAML is shown after the second edit", () -> !yaml(robot).isEmpty() && isShowing(robot, "#manifestYaml"));

            // dry run and apply
            robot.clickOn("#next");
            WizardFx.waitUntil("the Apply step", () -> window.wizard().current() == WizardStep.APPLY);
            robot.clickOn("#dryRun");
            WizardFx.waitUntil("the dry run passed", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.DRY_RUN_PASSED);
            dialogs.confirmations.add(true);
            robot.clickOn("#applyRun");
            WizardFx.waitUntil("the apply succeeded", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.SUCCEEDED);
            WizardFx.waitUntil("the gateway addresses are shown", () -> gatewayTexts(robot).stream().allMatch(t -> t.matches("127\\.0\\.0\\.\\d+")));
            List<String> addresses = gatewayTexts(robot);
            int logLines = window.applyStep().log().size();
            assertTrue(logLines > 0);
            MeshPlan applied = window.planModel().plan();

            // an edit undone, after a look at its preview: the same bytes as applied, so nothing of the apply is lost
            edit(robot, "vpc-3");
            goTo(robot, KeyCode.DIGIT4, WizardStep.PREVIEW);
            WizardFx.waitUntil("the preview of vpc-3", () -> window.previewStep().validProperty().get()
                    && window.previewStep().renderingProperty().get().plan().clusters().get(1).network().equals("vpc-3"));
            edit(robot, "vpc-2");
            goTo(robot, KeyCode.DIGIT4, WizardStep.PREVIEW);
            WizardFx.waitUntil("the preview is rendered", () -> window.previewStep().validProperty().get());
            robot.clickOn("#next");
            WizardFx.waitUntil("the Apply step", () -> window.wizard().current() == WizardStep.APPLY);
            assertEquals(ApplyStepViewModel.State.SUCCEEDED, window.applyStep().stateProperty().get());
            assertEquals(logLines, window.applyStep().log().size(), "the log is kept");
            assertEquals(addresses, gatewayTexts(robot), "the gateway addresses are kept");
            assertFalse(robot.lookup("#next").queryAs(Button.class).isDisabled(), "Live stays open");
            assertTrue(text(robot, "#applyHeadline").startsWith("Applied to 2 clusters"), text(robot, "#applyHeadline"));

            // an edit that stays: the step says so, and Live still shows the applied mesh
            edit(robot, "vpc-3");
            goTo(robot, KeyCode.DIGIT5, WizardStep.APPLY);
            WizardFx.waitUntil("the step says the plan differs", () -> text(robot, "#applyHeadline").contains("the plan differs from what is applied"));
            assertFalse(text(robot, "#applyHeadline").contains("Next shows the mesh live"), text(robot, "#applyHeadline"));
            assertEquals(addresses, gatewayTexts(robot), "the addresses of the applied mesh stay until the next run");
            assertFalse(robot.lookup("#next").queryAs(Button.class).isDisabled(), "Live shows the applied mesh");
            robot.clickOn("#next");
            WizardFx.waitUntil("the Live step", () -> window.wizard().current() == WizardStep.LIVE);
            assertEquals(applied, window.liveStep().targetProperty().get().plan(), "Live watches what was applied");
            assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        }
    }

    /** Changes the second cluster's network on the Networks step, by keyboard shortcut and typing. */
    private void edit(FxRobot robot, String network) throws Exception {
        goTo(robot, KeyCode.DIGIT3, WizardStep.NETWORKS);
        TextField field = robot.lookup("#cluster1-network").queryAs(TextField.class);
        robot.clickOn(field);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(network);
        WizardFx.waitUntil("the plan has " + network, () -> window.planModel().plan().clusters().get(1).network().equals(network));
    }

    private void goTo(FxRobot robot, KeyCode digit, WizardStep step) throws Exception {
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
        WizardFx.waitUntil("the " + step + " step", () -> window.wizard().current() == step);
    }

    private static String yaml(FxRobot robot) {
        return robot.lookup("#manifestYaml").tryQueryAs(CodeArea.class).map(CodeArea::getText).orElse("");
    }

    /** The node is in a scene, laid out with a size and not hidden by any parent. */
    private static boolean isShowing(FxRobot robot, String query) {
        Node node = robot.lookup(query).tryQuery().orElse(null);
        if (node == null || node.getScene() == null || node.getLayoutBounds().getWidth() <= 0) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.localToScene(node.getLayoutBounds()).getWidth() > 0 && robot.lookup(".pages").query().getScene() == node.getScene();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    private static List<String> gatewayTexts(FxRobot robot) {
        return robot.lookup(n -> n.getId() != null && n.getId().startsWith("gateway-") && n instanceof Labeled).queryAll().stream()
                .map(n -> ((Labeled) n).getText()).toList();
    }
}
