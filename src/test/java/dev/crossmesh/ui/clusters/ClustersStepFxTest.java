package dev.crossmesh.ui.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import dev.crossmesh.GuiRequest;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.ui.ScriptedDialogs;
import dev.crossmesh.ui.WizardFx;
import dev.crossmesh.ui.shell.MainWindow;

/**
 * Issue 20, item 7: the Clusters step says which kubeconfig files do not exist (rather than "Contexts from" them),
 * filters a long list and picks every context shown; F1 lists the shortcuts, one per line, the Apply step's too.
 */
class ClustersStepFxTest {
    private MainWindow window;

    @AfterEach
    void close() throws Exception {
        WizardFx.close(window);
    }

    @Test
    void aLongListIsFilteredAndPickedAndAMissingFileIsNamedAsMissing(@TempDir Path dir) throws Exception {
        Path kubeconfig = ClustersStepViewModelTest.kubeconfig(dir.resolve("kube"), "prod-eu-1", "prod-eu-2", "prod-us-1", "staging-1", "dev-1");
        Path missing = dir.resolve("missing-config");
        ScriptedDialogs dialogs = new ScriptedDialogs();
        window = WizardFx.show(WizardFx.services(dir, dialogs, List.of(kubeconfig, missing), text -> { }), GuiRequest.wizard(), 1024, 700);
        FxRobot robot = new FxRobot();
        WizardFx.waitUntil("the contexts are listed", () -> window.clustersStep().rows().size() == 5);

        String sources = robot.lookup(n -> n instanceof Labeled l && l.getText() != null
                && (l.getText().startsWith("Contexts from") || l.getText().startsWith("No kubeconfig"))).queryAs(Labeled.class).getText();
        assertTrue(sources.startsWith("Contexts from " + kubeconfig.toAbsolutePath()), sources);
        assertTrue(sources.endsWith("; " + missing.toAbsolutePath() + " does not exist"), sources);

        robot.clickOn("#contextFilter").write("eu");
        TableView<?> table = robot.lookup("#contextsTable").queryAs(TableView.class);
        WizardFx.waitUntil("two rows shown", () -> table.getItems().size() == 2);
        robot.clickOn("#pickAllShown");
        WizardFx.waitUntil("both picked", () -> window.planModel().plan().clusters().size() == 2);
        assertEquals(List.of("prod-eu-1", "prod-eu-2"), window.planModel().plan().clusters().stream().map(ClusterSpec::context).toList());
        robot.clickOn("#unpickAllShown");
        WizardFx.waitUntil("none picked", () -> window.planModel().plan().clusters().isEmpty());
        robot.clickOn("#contextFilter").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).type(KeyCode.BACK_SPACE);
        WizardFx.waitUntil("every row shown", () -> table.getItems().size() == 5);
        WizardFx.snapshot(WizardFx.stage(), Path.of("target", "issue20", "clusters-filter.png"));

        robot.type(KeyCode.F1);
        WizardFx.waitUntil("the shortcuts are shown", () -> !dialogs.informations.isEmpty());
        String help = dialogs.informations.get(0);
        for (String key : List.of("Alt+D dry run", "Alt+A apply", "Alt+T take over", "These shortcuts: F1", "Alt+C compare")) {
            assertTrue(help.contains(key), key + " in " + help);
        }
        assertTrue(help.lines().noneMatch(l -> l.contains("   ")), "no columns made of spaces: " + help);
    }
}
