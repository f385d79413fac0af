package dev.crossmesh.ui.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;

import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import dev.crossmesh.GuiRequest;
import dev.crossmesh.ui.ScriptedDialogs;
import dev.crossmesh.ui.WizardFx;
import dev.crossmesh.ui.core.WizardStep;
import dev.crossmesh.ui.shell.MainWindow;

/**
 * Issue 20, item 8: the Preview marks the istioctl overlay as export-only, shows a remote secret as the template it
 * is (placeholders, nothing hidden) with a caption that says so, gives the YAML most of the width at 1024, and draws
 * the line numbers at the YAML's size as the text grows.
 */
class PreviewPaneFxTest {
    private MainWindow window;

    @AfterEach
    void close() throws Exception {
        WizardFx.close(window);
    }

    @Test
    void exportOnlyFilesAreMarkedAndTheYamlHasTheWidth(@TempDir Path dir) throws Exception {
        Path planFile = WizardFx.twoClusterPlan(dir, "ctx-east", "ctx-west");
        window = WizardFx.show(WizardFx.services(dir, new ScriptedDialogs(), List.of(dir.resolve("none")), text -> { }),
                new GuiRequest(planFile, false, null), 1024, 700);
        FxRobot robot = new FxRobot();
        WizardFx.waitUntil("the plan is open", () -> window.planModel().plan().meshId().equals("two"));
        WizardFx.runOnFx(() -> window.wizard().jumpTo(WizardStep.PREVIEW));
        WizardFx.waitUntil("the preview is rendered", () -> window.previewStep().validProperty().get());

        ListView<PreviewFile> files = robot.lookup("#manifestFiles").queryListView();
        PreviewFile overlay = files.getItems().stream().filter(PreviewFile::exportOnly).findFirst().orElseThrow();
        WizardFx.runOnFx(() -> files.scrollTo(overlay));
        robot.clickOn(overlay.title());
        WizardFx.waitUntil("the overlay is shown", () -> window.previewStep().selectedFileProperty().get() == overlay);
        assertTrue(robot.lookup(".export-only-badge").queryAll().stream().anyMatch(Node::isVisible), "the overlay has its badge");
        assertEquals(1, files.getItems().stream().filter(PreviewFile::exportOnly).count());
        assertTrue(text(robot, "#manifestNote").contains("Export only, never applied by crossmesh"), text(robot, "#manifestNote"));

        PreviewFile secret = files.getItems().stream().filter(f -> !f.exported()).findFirst().orElseThrow();
        WizardFx.runOnFx(() -> files.scrollTo(secret));
        robot.clickOn(secret.title());
        WizardFx.waitUntil("the remote secret is shown", () -> window.previewStep().selectedFileProperty().get() == secret);
        String yaml = robot.lookup("#manifestYaml").queryAs(CodeArea.class).getText();
        assertTrue(yaml.contains("read at apply time>"), yaml);
        assertFalse(yaml.contains("<hidden"), "a template hides nothing: " + yaml);
        assertTrue(text(robot, "#manifestNote").contains("A template: crossmesh makes this Secret at apply time"), text(robot, "#manifestNote"));
        WizardFx.snapshot(WizardFx.stage(), Path.of("target", "issue20", "preview-remote-secret.png"));

        double listWidth = files.getWidth();
        double yamlWidth = robot.lookup("#manifestYaml").query().getParent().getLayoutBounds().getWidth();
        assertTrue(yamlWidth >= 2 * listWidth, "YAML " + yamlWidth + " px beside a list of " + listWidth + " px");

        double[] before = sizes(robot);
        assertEquals(before[0], before[1], 0.01, "line numbers at the YAML's size");
        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        WizardFx.waitUntil("the text grew", () -> sizes(robot)[1] > before[1]);
        double[] after = sizes(robot);
        assertEquals(after[1], after[0], 0.01, "line numbers follow the text size");
    }

    /** The font size of a line number and of the YAML text. */
    private static double[] sizes(FxRobot robot) {
        Label number = (Label) robot.lookup("#manifestYaml .lineno").queryAll().iterator().next();
        Text text = (Text) robot.lookup("#manifestYaml .text").queryAll().iterator().next();
        return new double[] {number.getFont().getSize(), text.getFont().getSize()};
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }
}
