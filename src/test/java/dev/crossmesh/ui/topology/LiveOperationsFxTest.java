package dev.crossmesh.ui.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.status.StatusCodes;

/** Item 4 of issue 20 with hand-made snapshots: findings stay as history when resolved; the details line up and wrap. */
class LiveOperationsFxTest {
    private LivePane pane;

    @AfterEach
    void close() throws Exception {
        if (pane != null) {
            pane.stop();
        }
        LiveFx.close();
    }

    @Test
    void aResolvedFindingStaysAsHistoryWithItsTimesAndTheDetailsLineUp() throws Exception {
        MeshPlan plan = Samples.plan(3, 2);
        LiveFx.ManualFeed feed = new LiveFx.ManualFeed();
        Instant broke = Instant.parse("2026-12-08T10:00:00Z");
        Instant healed = Instant.parse("2026-12-08T10:02:30Z");
        feed.push(Samples.changed(plan, "c1", c -> Samples.withoutSecret(c, "c3"), broke));
        pane = LiveFx.onFx(() -> LivePane.of(plan, feed, LiveFx.answering(List.of())));
        LiveFx.show(pane, 1366, 768, false);
        LiveFx.waitUntil("the finding is listed", () -> pane.findingsPanel().list().getItems().stream()
                .anyMatch(f -> f.code().equals(StatusCodes.REMOTE_SECRET_MISSING)));
        FxRobot robot = new FxRobot();

        feed.push(Samples.status(plan, Samples.healthyClusters(plan), healed));
        LiveFx.waitUntil("no finding left", () -> pane.findingsPanel().list().getItems().isEmpty());
        // 1366 px: the findings are beside the table, no tab to pick
        LiveFx.waitUntil("the history shows it", () -> robot.lookup("#resolved-findings").tryQuery().map(Node::isVisible).orElse(false));
        ResolvedFinding r = LiveFx.onFx(() -> pane.findingsPanel().history().getItems().get(0));
        assertEquals(StatusCodes.REMOTE_SECRET_MISSING, r.finding().code());
        assertEquals(broke, r.finding().firstSeen());
        assertEquals(healed, r.resolvedAt());
        assertTrue(robot.lookup(".resolved-cell .finding-time").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().equals(TimeText.of(broke) + " – " + TimeText.of(healed))), "both times are shown");
        assertEquals("Resolved (1), newest first", robot.lookup("#resolved-title").queryAs(Label.class).getText());
        LiveFx.snapshot(LiveFx.screenshots().resolve("live-history.png"));

        // details: every section's values start at the same x
        robot.clickOn("#cluster-c1");
        LiveFx.waitUntil("c1's details", () -> "c1".equals(pane.detailsPanel().shownTitle()));
        List<Double> starts = LiveFx.onFx(() -> pane.detailsPanel().lookupAll(".details-value").stream().filter(Node::isVisible).map(n -> {
            Bounds b = n.localToScene(n.getLayoutBounds());
            return Math.round(b.getMinX() * 2) / 2.0;
        }).distinct().toList());
        assertEquals(1, starts.size(), "the values of all sections line up: " + starts);
        assertEquals("istio-\u200Bremote-\u200Bsecret-\u200Bc3", DetailsPanel.breakable("istio-remote-secret-c3"), "long names break at their dashes");
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        LiveFx.waitUntil("Escape closes the details", () -> pane.viewModel().detailsProperty().get() == null);
    }
}
