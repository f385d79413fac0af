package dev.crossmesh.ui.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import atlantafx.base.theme.Styles;
import dev.crossmesh.GuiRequest;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.plan.PlanReader;
import dev.crossmesh.ui.ScriptedDialogs;
import dev.crossmesh.ui.WizardFx;
import dev.crossmesh.ui.core.WizardStep;
import dev.crossmesh.ui.shell.MainWindow;

/**
 * Issue 20, item 6: one set of numbers. The Preview, the live diff, the dry run, the progress bar and the apply give
 * the same step count and their parts add up to it; a dry run "would apply"; after the apply Next is the main
 * (default) button, a re-apply asks with a fresh dry run's counts (nothing to change), and an unsaved plan is offered
 * to be saved.
 */
class OneCountFxTest {
    private MainWindow window;

    @AfterEach
    void close() throws Exception {
        WizardFx.close(window);
    }

    @Test
    void everyScreenGivesTheSameCount(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(2).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            ScriptedDialogs dialogs = new ScriptedDialogs();
            Path planFile = WizardFx.twoClusterPlan(dir, "demo-cluster-1", "demo-cluster-2");
            window = WizardFx.show(WizardFx.services(dir, dialogs, List.of(demo.kubeconfig()), text -> { }),
                    new GuiRequest(planFile, false, demo.kubeconfig()), 1024, 700);
            FxRobot robot = new FxRobot();
            WizardFx.waitUntil("the plan's clusters are reachable", () -> window.clustersStep().validProperty().get());

            // an edit not saved yet
            robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
            WizardFx.waitUntil("the Networks step", () -> window.wizard().current() == WizardStep.NETWORKS);
            robot.clickOn("#cluster1-network");
            robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
            robot.write("vpc-9");
            WizardFx.waitUntil("the plan is edited", () -> window.document().dirtyProperty().get());

            robot.clickOn("#next");
            WizardFx.waitUntil("the preview is rendered", () -> window.previewStep().validProperty().get());
            int steps = window.previewStep().renderingProperty().get().count().steps();
            String preview = text(robot, "#previewStatus");
            assertTrue(preview.contains("(2 export-only); applying takes " + steps + " steps;"), preview);

            robot.clickOn("#compareWithClusters");
            WizardFx.waitUntil("the diff is done", () -> text(robot, "#liveDiffStatus").startsWith("Of the "));
            String diff = text(robot, "#liveDiffStatus");
            assertTrue(diff.startsWith("Of the " + steps + " steps, applying would create "), diff);
            assertEquals(steps, sum(diff.substring(0, diff.indexOf(" Compared at")).replaceFirst("^Of the \\d+ steps", "")), diff);
            assertTrue(diff.matches(".* Compared at \\d\\d:\\d\\d:\\d\\d\\."), diff);

            robot.clickOn("#next");
            WizardFx.waitUntil("the Apply step", () -> window.wizard().current() == WizardStep.APPLY);
            robot.clickOn("#dryRun");
            WizardFx.waitUntil("the dry run passed", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.DRY_RUN_PASSED);
            String dry = text(robot, "#applyHeadline");
            assertTrue(dry.contains(": of the " + steps + " steps, "), dry);
            assertTrue(dry.contains(" would apply ("), dry);
            assertEquals(steps, sum(account(dry)), dry);
            assertTrue(text(robot, "#summary-east").contains(" would apply · "), text(robot, "#summary-east"));
            assertEquals(steps + " of " + steps + " steps", text(robot, "#applyProgressText"));

            dialogs.confirmations.add(true);
            robot.clickOn("#applyRun");
            WizardFx.waitUntil("the apply succeeded", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.SUCCEEDED);
            String applied = text(robot, "#applyHeadline");
            assertTrue(applied.contains(": of the " + steps + " steps, "), applied);
            assertEquals(steps, sum(account(applied)), applied);
            assertEquals(steps + " of " + steps + " steps", text(robot, "#applyProgressText"));
            assertTrue(text(robot, "#summary-east").contains(" applied · "), text(robot, "#summary-east"));

            // the comparison shown is made again after the apply: everything is unchanged now, at a new time
            WizardFx.waitUntil("the diff is refreshed", () -> text(robot, "#liveDiffStatus").contains("applying would create 0, update 0 and leave 24 unchanged"));
            assertTrue(text(robot, "#liveDiffStatus").matches(".* Compared at \\d\\d:\\d\\d:\\d\\d\\."), text(robot, "#liveDiffStatus"));

            // Next is the main button now; Apply is no longer accented
            Button next = robot.lookup("#next").queryAs(Button.class);
            assertTrue(next.isDefaultButton(), "Enter presses Next");
            assertFalse(robot.lookup("#applyRun").queryAs(Button.class).getStyleClass().contains(Styles.ACCENT));
            assertFalse(robot.lookup("#dryRun").queryAs(Button.class).getStyleClass().contains(Styles.ACCENT));
            WizardFx.snapshot(WizardFx.stage(), Path.of("target", "issue20", "apply-after-success.png"));

            // the unsaved plan is offered to be saved
            assertTrue(robot.lookup("#saveOffer").query().isVisible());
            robot.clickOn("#saveAppliedPlan");
            WizardFx.waitUntil("the plan is saved", () -> !window.document().dirtyProperty().get());
            assertEquals("vpc-9", PlanReader.read(planFile).plan().clusters().get(1).network());
            assertFalse(robot.lookup("#saveOffer").query().isVisible());

            // a re-apply: a fresh dry run, and its counts in the question
            assertTrue(robot.lookup("#applyRun").queryAs(Button.class).isDisabled(), "a re-apply asks for a fresh dry run");
            robot.clickOn("#dryRun");
            WizardFx.waitUntil("the dry run passed", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.DRY_RUN_PASSED);
            assertTrue(text(robot, "#applyHeadline").contains(", 0 would apply (0 create, 0 update), "), text(robot, "#applyHeadline"));
            dialogs.confirmations.add(false);
            robot.clickOn("#applyRun");
            WizardFx.waitUntil("asked again", () -> dialogs.asked.stream().filter(a -> a.startsWith("confirm: Apply two")).count() == 2);
            assertTrue(dialogs.lastMessage.startsWith("The dry run found nothing to change: applying again leaves the clusters east, west as they are"),
                    dialogs.lastMessage);
            assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        }
    }

    /** The account in a headline: from "of the N steps, " to the sentence's end. */
    private static String account(String headline) {
        String from = headline.substring(headline.indexOf(" steps, ") + " steps, ".length());
        return from.substring(0, from.indexOf(". "));
    }

    /** The parts of a diff line or a run's account, each counted once (the parentheses break a part down). */
    private static int sum(String text) {
        String flat = text.replaceAll("\\([^)]*\\)", "");
        int sum = 0;
        for (String part : List.of("create (\\d+)", "update (\\d+)", "leave (\\d+) unchanged", "run (\\d+)", "leave (\\d+) to you", "skip (\\d+)",
                "the other (\\d+)", "(\\d+) would apply", "(\\d+) applied", "(\\d+) unchanged", "(\\d+) would fail", "(\\d+) failed",
                "(\\d+) not attempted", "(\\d+) skipped", "(\\d+) gateway-address wait", "(\\d+) other steps")) {
            // "leave 0 unchanged" is one part, not also "0 unchanged"
            Matcher m = Pattern.compile((part.startsWith("(") ? "(?<![a-z] )" : "") + part).matcher(flat);
            while (m.find()) {
                sum += Integer.parseInt(m.group(1));
            }
        }
        return sum;
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

}
