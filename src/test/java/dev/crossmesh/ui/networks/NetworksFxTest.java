package dev.crossmesh.ui.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;

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
 * Issue 20, item 8 (Networks): every problem of a name at once, under its own field, and the networks the other
 * clusters use offered as choices.
 */
class NetworksFxTest {
    private MainWindow window;

    @AfterEach
    void close() throws Exception {
        WizardFx.close(window);
    }

    @Test
    void aNamesProblemsShowUnderItsFieldAndUsedNetworksAreChoices(@TempDir Path dir) throws Exception {
        Path planFile = WizardFx.twoClusterPlan(dir, "ctx-east", "ctx-west");
        window = WizardFx.show(WizardFx.services(dir, new ScriptedDialogs(), List.of(dir.resolve("none")), text -> { }),
                new GuiRequest(planFile, false, null), 1024, 700);
        FxRobot robot = new FxRobot();
        WizardFx.waitUntil("the plan is open", () -> window.planModel().plan().meshId().equals("two"));
        WizardFx.runOnFx(() -> window.wizard().jumpTo(WizardStep.NETWORKS));
        WizardFx.waitUntil("the Networks step", () -> robot.lookup("#cluster1-network").tryQuery().isPresent());

        TextField network = robot.lookup("#cluster1-network").queryAs(TextField.class);
        robot.clickOn(network).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("Net_2");
        WizardFx.waitUntil("the message under the field", () -> !messageUnder(network).isEmpty());
        String message = messageUnder(network);
        assertTrue(message.contains("has upper-case letters") && message.contains("may only hold lower-case letters, digits and '-'"),
                "both problems at once: " + message);
        WizardFx.snapshot(WizardFx.stage(), Path.of("target", "issue20", "networks-problems.png"));

        robot.clickOn("#cluster1-use-vpc-1");
        WizardFx.waitUntil("the network is shared", () -> window.planModel().plan().clusters().get(1).network().equals("vpc-1"));
        assertEquals("vpc-1", network.getText());
        WizardFx.waitUntil("the message is gone", () -> messageUnder(network).isEmpty());
    }

    /** The text of the message label in the field's own cell (its parent), "" when none shows. */
    private static String messageUnder(TextField field) {
        return field.getParent().getChildrenUnmodifiable().stream().filter(n -> n.getStyleClass().contains("field-message"))
                .filter(Node::isVisible).map(n -> ((Labeled) n).getText()).filter(t -> t != null).findFirst().orElse("");
    }
}
