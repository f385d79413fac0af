package dev.crossmesh.ui.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.ui.LayoutAudit;
import dev.crossmesh.ui.ScriptedDialogs;
import dev.crossmesh.ui.WizardFx;
import dev.crossmesh.ui.shell.MainWindow;

/**
 * The Live step in real window sizes (issue 20): 1024x700 with 20 px text (a projector), 1366x768, 1920x1080, light
 * and dark, watching three demo clusters that {@code crossmesh apply} set up. Writes the pictures to
 * target/live-shots/ (or the folder named by {@code crossmesh.screenshots}).
 */
class LiveWindowFxTest {
    private MainWindow window;

    @AfterEach
    void close() throws Exception {
        WizardFx.close(window);
    }

    private LivePane pane() {
        return window.liveView().pane();
    }

    private static Path shots() {
        String dir = System.getProperty("crossmesh.screenshots");
        return dir == null || dir.isBlank() ? Path.of("target", "live-shots") : Path.of(dir);
    }

    /** Item 2: nothing cut, nothing drawn outside its box, nothing on top of each other, at every size named. */
    @Test
    void everyLabelFitsAtTwentyPixelTextAndEverySize(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            LiveShots.apply(demo, dir);
            window = LiveShots.showLive(demo, dir, new ScriptedDialogs(), 1024, 700, 20, false);
            assertClean("1024x700, 20 px, light");
            // the drawing's text is drawn at a readable size, not squeezed to fit
            assertTrue(WizardFx.onFx(() -> pane().topologyView().shownScale() * TopologyView.DRAWING_FONT) >= 13.9, "drawing text at 20 px text size");
            WizardFx.snapshot(WizardFx.stage(), shots().resolve("live-1024-20px.png"));
            WizardFx.runOnFx(() -> window.preferences().darkProperty().set(true));
            assertClean("1024x700, 20 px, dark");
            WizardFx.snapshot(WizardFx.stage(), shots().resolve("live-1024-20px-dark.png"));
            WizardFx.runOnFx(() -> window.preferences().textSizeProperty().set(15));
            LiveShots.resize(1366, 768);
            assertClean("1366x768, 15 px, dark");
            WizardFx.snapshot(WizardFx.stage(), shots().resolve("live-dark.png"));
            WizardFx.runOnFx(() -> window.preferences().darkProperty().set(false));
            assertClean("1366x768, 15 px, light");
            WizardFx.snapshot(WizardFx.stage(), shots().resolve("live-1366.png"));
            LiveShots.resize(1920, 1080);
            assertClean("1920x1080, 15 px");
            WizardFx.snapshot(WizardFx.stage(), shots().resolve("live-1920.png"));
            WizardFx.runOnFx(() -> window.preferences().textSizeProperty().set(20));
            assertClean("1920x1080, 20 px");
            WizardFx.snapshot(WizardFx.stage(), shots().resolve("live-1920-20px.png"));
        }
    }

    private void assertClean(String what) throws Exception {
        WizardFx.waitUntil("laid out", () -> true);
        List<String> problems = WizardFx.onFx(() -> LayoutAudit.of(WizardFx.stage().getScene(), LiveWindowFxTest::drawing));
        assertEquals(List.of(), problems, what);
    }

    /** The drawing's nodes overlap by design (links cross boxes); its own geometry tests check it. */
    static boolean drawing(Node n) {
        return n.getStyleClass().contains("topology-canvas");
    }

    /** Item 3: a cramped window still shows three rows, a readable drawing that pans and zooms, and details over it. */
    @Test
    void aSmallWindowKeepsThreeRowsAReadableDrawingAndDetailsThatOverlayAndCloseWithEscape(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            LiveShots.apply(demo, dir);
            window = LiveShots.showLive(demo, dir, new ScriptedDialogs(), 1024, 700, 20, false);
            FxRobot robot = new FxRobot();
            assertEquals(3, WizardFx.onFx(() -> wholeRowsShown(pane().gatewayTable())), "three gateway rows in view at 1024x700");
            TopologyView view = pane().topologyView();
            double before = WizardFx.onFx(view::shownScale);

            robot.clickOn("#cluster-asia-south");
            WizardFx.waitUntil("asia-south's details", () -> pane().viewModel().detailsProperty().get() != null);
            assertTrue(WizardFx.onFx(() -> pane().detailsOverlay()), "in a narrow window the details lie over the drawing");
            assertEquals(before, WizardFx.onFx(view::shownScale), 1e-6, "the drawing keeps its scale while the details are open");
            assertTrue(WizardFx.onFx(() -> pane().detailsPanel().getStyleClass().contains(LayoutAudit.OVERLAY)));
            robot.type(KeyCode.ESCAPE);
            WizardFx.waitUntil("Escape closes the details", () -> pane().viewModel().detailsProperty().get() == null
                    && !pane().detailsOverlay());

            // zoom and pan like a user: the + button, then a drag
            robot.clickOn("#zoom-in");
            double zoomed = WizardFx.onFx(view::shownScale);
            assertTrue(zoomed > before * 1.2, "zoom in: " + before + " -> " + zoomed);
            Node card = robot.lookup("#cluster-eu-west").query();
            Bounds was = WizardFx.onFx(() -> card.localToScene(card.getLayoutBounds()));
            Node viewport = robot.lookup("#topology-viewport").query();
            Bounds vp = WizardFx.onFx(() -> viewport.localToScreen(viewport.getLayoutBounds()));
            robot.drag(vp.getMinX() + vp.getWidth() * 0.3, vp.getMinY() + vp.getHeight() * 0.5, MouseButton.PRIMARY)
                    .dropTo(new javafx.geometry.Point2D(vp.getMinX() + vp.getWidth() * 0.3 + 120, vp.getMinY() + vp.getHeight() * 0.5 + 40));
            Bounds now = WizardFx.onFx(() -> card.localToScene(card.getLayoutBounds()));
            assertNotEquals(was.getMinX(), now.getMinX(), 1.0, "a drag pans the zoomed drawing");
            robot.clickOn("#zoom-fit");
            assertEquals(before, WizardFx.onFx(view::shownScale), 1e-6, "fit goes back");

            assertEquals(List.of(), WizardFx.onFx(() -> linksOverTitles(view)), "discovery links keep clear of the network titles");

            LiveShots.resize(1366, 768);
            WizardFx.runOnFx(() -> window.preferences().textSizeProperty().set(15));
            assertEquals(List.of(), WizardFx.onFx(() -> linksOverTitles(view)), "discovery links keep clear of the network titles at 1366");
            assertTrue(WizardFx.onFx(() -> wholeRowsShown(pane().gatewayTable())) >= 3, "three gateway rows in view at 1366x768");
            robot.clickOn("#cluster-asia-south");
            WizardFx.waitUntil("asia-south's details", () -> pane().viewModel().detailsProperty().get() != null);
            WizardFx.snapshot(WizardFx.stage(), shots().resolve("live-1366-details.png"));
            robot.type(KeyCode.ESCAPE);
            WizardFx.waitUntil("Escape closes the details", () -> pane().viewModel().detailsProperty().get() == null);
        }
    }

    /** The discovery links (reader>source) that pass over a network's name or regions. */
    static List<String> linksOverTitles(TopologyView view) {
        TopologyLayout.Result layout = view.currentLayout();
        List<TopologyLayout.Rect> titles = new java.util.ArrayList<>();
        for (TopologyLayout.NetworkPlacement p : layout.networks()) {
            TopologyLayout.Rect hr = p.header();
            titles.add(new TopologyLayout.Rect(hr.x() + TopologyLayout.BOX_PAD, hr.y() + 6,
                    Math.min(hr.w() - 2 * TopologyLayout.BOX_PAD, view.networkBox(p.network()).textWidth()), hr.h() - 10));
        }
        List<String> crossing = new java.util.ArrayList<>();
        for (String reader : List.of("eu-west", "us-east", "asia-south")) {
            for (String source : List.of("eu-west", "us-east", "asia-south")) {
                LinkNode link = reader.equals(source) ? null : view.discoveryLink(reader, source);
                if (link != null && link.curve().hits(titles) > 0) {
                    crossing.add(reader + ">" + source);
                }
            }
        }
        return crossing;
    }

    /** Rows of the table wholly inside its viewport and showing a gateway. */
    static int wholeRowsShown(GatewayStatusTable table) {
        Node flow = table.lookup(".virtual-flow");
        Node clipped = table.lookup(".clipped-container");
        Bounds area = (clipped != null ? clipped : flow).localToScene(((javafx.scene.layout.Region) (clipped != null ? clipped : flow)).getLayoutBounds());
        int whole = 0;
        for (Node n : table.lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> row && row.getItem() != null && row.isVisible()) {
                Bounds b = row.localToScene(row.getLayoutBounds());
                if (b.getMinY() >= area.getMinY() - 1 && b.getMaxY() <= area.getMaxY() + 1) {
                    whole++;
                }
            }
        }
        return whole;
    }

    /** Item 4: the table and the drawing select together, a heartbeat, probe words, an export without highlight. */
    @Test
    void theTableSelectsTheClusterTheViewSaysItIsWatchingAndTheExportHasNoHighlight(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            LiveShots.apply(demo, dir);
            ScriptedDialogs dialogs = new ScriptedDialogs();
            window = LiveShots.showLive(demo, dir, dialogs, 1366, 768, 15, false);
            FxRobot robot = new FxRobot();

            robot.clickOn(robot.lookup(".table-row-cell").match(n -> n instanceof TableRow<?> r && r.getItem() instanceof GatewayEntry e
                    && e.row().cluster().equals("us-east")).queryAs(Node.class));
            WizardFx.waitUntil("us-east is selected in the drawing with its details", () -> {
                Selection s = pane().viewModel().selectionProperty().get();
                Details d = pane().viewModel().detailsProperty().get();
                return s != null && s.kind() == Selection.Kind.CLUSTER && s.cluster().equals("us-east") && d != null
                        && pane().topologyView().card("us-east").getPseudoClassStates().contains(ClusterCard.SELECTED);
            });
            robot.clickOn("#cluster-eu-west");
            WizardFx.waitUntil("a click in the drawing selects the table's row", () -> pane().gatewayTable().getSelectionModel().getSelectedItem() != null
                    && pane().gatewayTable().getSelectionModel().getSelectedItem().row().cluster().equals("eu-west"));

            // still watching: the heartbeat counts from the newest probe, and the probe says it in words
            String beat = WizardFx.onFx(() -> pane().heartbeatText());
            assertTrue(beat.matches("checked \\d+ s ago"), beat);
            assertTrue(WizardFx.onFx(() -> pane().gatewayTable().getItems().stream().allMatch(e -> e.row().probe().equals("ready"))));

            // the exported picture is the same with or without a selection
            Path selected = shots().resolve("export-selected.png");
            Path plain = shots().resolve("export-plain.png");
            Files.deleteIfExists(selected);
            Files.deleteIfExists(plain);
            dialogs.files.add(Optional.of(selected));
            robot.clickOn("#export-png");
            WizardFx.waitUntil("the PNG written", () -> Files.exists(selected));
            assertNotNull(WizardFx.onFx(() -> pane().viewModel().selectionProperty().get()), "the selection stays on screen");
            robot.type(KeyCode.ESCAPE);
            dialogs.files.add(Optional.of(plain));
            robot.clickOn("#export-png");
            WizardFx.waitUntil("the PNG written", () -> Files.exists(plain));
            assertTrue(java.util.Arrays.equals(pixels(selected), pixels(plain)), "no selection highlight in the exported picture");
            assertFalse(Files.size(plain) < 20_000, "a real picture");
        }
    }

    private static int[] pixels(Path png) throws java.io.IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
