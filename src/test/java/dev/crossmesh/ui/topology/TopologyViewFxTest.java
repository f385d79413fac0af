package dev.crossmesh.ui.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Bounds;
import javafx.scene.Node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.status.ConnectionState;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.ui.topology.TopologyLayout.NetworkPlacement;
import dev.crossmesh.ui.topology.TopologyLayout.Rect;

/**
 * The drawn view on a headless stage, fed by hand-made snapshots: layout from 2 to 10 clusters and 2 to 5 networks at
 * small and large window sizes, clicks, redraws limited to what changed. Writes a gallery of PNGs to
 * target/topology-gallery for a person to look at.
 */
class TopologyViewFxTest {
    private LivePane pane;

    @AfterEach
    void close() throws Exception {
        if (pane != null) {
            pane.stop();
        }
        LiveFx.close();
    }

    LivePane open(MeshPlan plan, MeshStatus status, double width, double height, boolean dark) throws Exception {
        LiveFx.ManualFeed feed = new LiveFx.ManualFeed();
        feed.push(status);
        pane = LiveFx.onFx(() -> LivePane.of(plan, feed, LiveFx.answering(List.of())));
        LiveFx.show(pane, width, height, dark);
        LiveFx.waitUntil("the snapshot is drawn", () -> pane.viewModel().statusProperty().get() == status);
        return pane;
    }

    @Test
    void layoutStaysReadableFromTwoToTenClustersAtSmallAndLargeSizes() throws Exception {
        int[][] shapes = {{2, 2}, {3, 2}, {4, 4}, {5, 3}, {6, 2}, {10, 4}, {10, 5}, {10, 2}};
        double[][] sizes = {{1024, 700}, {1600, 1000}};
        for (int[] shape : shapes) {
            for (double[] size : sizes) {
                MeshPlan plan = Samples.plan(shape[0], shape[1]);
                open(plan, Samples.healthy(plan), size[0], size[1], false);
                TopologyView view = pane.topologyView();
                TopologyLayout.Result layout = LiveFx.onFx(view::currentLayout);
                String what = shape[0] + " clusters in " + shape[1] + " networks at " + (int) size[0] + "x" + (int) size[1];
                assertNoOverlaps(layout, what);
                assertTrue(layout.scale() >= 0.55, what + ": scale " + layout.scale() + " is too small to read");
                LiveFx.snapshot(LiveFx.gallery().resolve("healthy-" + shape[0] + "c-" + shape[1] + "n-" + (int) size[0] + ".png"));
                pane.stop();
                LiveFx.close();
            }
        }
    }

    /** Cards apart from each other and inside their box, rails clear of the cards, boxes apart, all inside the drawing. */
    static void assertNoOverlaps(TopologyLayout.Result layout, String what) {
        Rect drawing = new Rect(0, 0, layout.width(), layout.height());
        List<Rect> cards = new ArrayList<>();
        List<Rect> rails = new ArrayList<>();
        for (NetworkPlacement p : layout.networks()) {
            assertTrue(drawing.containsRect(p.box()), what + ": box " + p.network() + " outside the drawing");
            for (Rect c : p.cards()) {
                assertTrue(p.box().containsRect(c), what + ": a card of " + p.network() + " sticks out of its box");
                assertFalse(c.intersects(p.header()), what + ": a card of " + p.network() + " covers the header");
                cards.add(c);
            }
            if (p.rail() != null) {
                assertTrue(drawing.containsRect(p.rail()), what + ": the rail of " + p.network() + " is outside the drawing");
                rails.add(p.rail());
                assertFalse(p.rail().intersects(p.header()), what + ": the rail of " + p.network() + " covers the header");
            }
            for (NetworkPlacement q : layout.networks()) {
                if (q != p) {
                    assertFalse(p.box().intersects(q.box()), what + ": boxes " + p.network() + " and " + q.network() + " overlap");
                }
            }
        }
        for (int i = 0; i < cards.size(); i++) {
            for (int j = i + 1; j < cards.size(); j++) {
                assertFalse(cards.get(i).intersects(cards.get(j)), what + ": two cards overlap");
            }
            for (Rect r : rails) {
                assertFalse(cards.get(i).intersects(r), what + ": a rail covers a card");
            }
        }
        for (int i = 0; i < rails.size(); i++) {
            for (int j = i + 1; j < rails.size(); j++) {
                assertFalse(rails.get(i).intersects(rails.get(j)), what + ": two rails overlap");
            }
        }
    }

    @Test
    void everyGatewayAddressAndDiscoveryLinkIsDrawn() throws Exception {
        MeshPlan plan = Samples.plan(3, 2);
        open(plan, Samples.healthy(plan), 1024, 700, false);
        TopologyView view = pane.topologyView();
        for (int i = 1; i <= 3; i++) {
            String c = "c" + i;
            GatewayRail.Row row = LiveFx.onFx(() -> view.gatewayRow(c));
            assertEquals("203.0.113." + i + ":15443", row.addressText());
            assertTrue(LiveFx.onFx(row::isVisible));
            for (int j = 1; j <= 3; j++) {
                if (i != j) {
                    String other = "c" + j;
                    LinkNode link = LiveFx.onFx(() -> view.discoveryLink(c, other));
                    assertNotNull(link, c + " reads " + other);
                    assertFalse(link.isBroken());
                    assertNotNull(link.curve(), "routed");
                }
            }
        }
        assertEquals(Health.OK, LiveFx.onFx(() -> view.dataPlaneLink("net-1", "net-2").health()));
        assertEquals("europe-west1, us-east1", LiveFx.onFx(() -> view.networkBox("net-1").regionsText()));
    }

    @Test
    void onlyTheChangedNodesAreRedrawnAndTheLayoutStays() throws Exception {
        MeshPlan plan = Samples.plan(10, 4);
        LiveFx.ManualFeed feed = new LiveFx.ManualFeed();
        feed.push(Samples.healthy(plan));
        pane = LiveFx.onFx(() -> LivePane.of(plan, feed, LiveFx.answering(List.of())));
        LiveFx.show(pane, 1280, 800, false);
        TopologyView view = pane.topologyView();
        LiveFx.waitUntil("first snapshot", () -> pane.viewModel().statusProperty().get() != null);
        long layouts = LiveFx.onFx(view::layoutCount);
        LiveFx.runOnFx(() -> view.redraws().clear());

        MeshStatus next = Samples.changed(plan, "c7", c -> Samples.withAddress(c, "198.51.100.77"), TopologyViewModelTest.T1);
        feed.push(next);
        LiveFx.waitUntil("the new address is drawn", () -> "198.51.100.77:15443".equals(view.gatewayRow("c7").addressText()));
        assertEquals(java.util.Map.of("gateway:c7", 1), LiveFx.onFx(() -> new java.util.HashMap<>(view.redraws())), "only the gateway was redrawn");
        assertEquals(layouts, LiveFx.onFx(view::layoutCount), "a status change does not lay the view out again");
    }

    @Test
    void clickingACardOrAGatewayOpensItsDetailsAndEscapeClosesThem() throws Exception {
        MeshPlan plan = Samples.plan(3, 2);
        open(plan, Samples.changed(plan, "c1", c -> Samples.withoutSecret(c, "c3"), TopologyViewModelTest.T1), 1280, 800, false);
        FxRobot robot = new FxRobot();
        robot.clickOn("#cluster-c1");
        LiveFx.waitUntil("details of c1", () -> "c1".equals(pane.detailsPanel().shownTitle()));
        assertTrue(LiveFx.onFx(() -> pane.detailsPanel().getScene() != null), "the side panel is shown");
        LiveFx.snapshot(LiveFx.gallery().resolve("details-cluster.png"));
        robot.clickOn("#gateway-c3");
        LiveFx.waitUntil("details of c3's gateway", () -> "c3 east-west gateway".equals(pane.detailsPanel().shownTitle()));
        LiveFx.snapshot(LiveFx.gallery().resolve("details-gateway.png"));
        robot.clickOn("#details-close");
        LiveFx.waitUntil("details closed", () -> pane.viewModel().detailsProperty().get() == null && pane.detailsPanel().getScene() == null);
    }

    @Test
    void resizingLaysTheViewOutAgain() throws Exception {
        MeshPlan plan = Samples.plan(10, 4);
        open(plan, Samples.healthy(plan), 1800, 900, false);
        TopologyView view = pane.topologyView();
        TopologyLayout.Result wide = LiveFx.onFx(view::currentLayout);
        LiveFx.resize(900, 1100);
        LiveFx.waitUntil("laid out again", () -> view.currentLayout() != wide);
        TopologyLayout.Result tall = LiveFx.onFx(view::currentLayout);
        assertTrue(wide.banks() != tall.banks() || wide.columns() != tall.columns(),
                "a tall window re-arranges the boxes: wide " + wide.banks() + "x" + wide.columns() + ", tall " + tall.banks() + "x" + tall.columns());
        assertNoOverlaps(tall, "10 clusters at 900x1100");
        LiveFx.snapshot(LiveFx.gallery().resolve("healthy-10c-4n-tall.png"));
    }

    @Test
    void brokenAndOfflineStatesReadInBothThemes() throws Exception {
        MeshPlan plan = Samples.plan(10, 4);
        List<dev.crossmesh.status.ClusterStatus> clusters = new ArrayList<>(Samples.healthyClusters(plan));
        clusters.set(1, Samples.withoutSecret(clusters.get(1), "c9"));
        clusters.set(4, Samples.withState(clusters.get(4), ConnectionState.OFFLINE, "cannot connect to the API server (connection refused)"));
        clusters.set(7, Samples.withPods(clusters.get(7), 1, 2));
        clusters.set(8, Samples.withAddress(clusters.get(8), ""));
        clusters.set(9, Samples.withAddress(clusters.get(9), ""));
        MeshStatus status = Samples.status(plan, clusters, TopologyViewModelTest.T1);
        for (boolean dark : new boolean[] {false, true}) {
            open(plan, status, 1280, 800, dark);
            TopologyView view = pane.topologyView();
            assertTrue(LiveFx.onFx(() -> view.discoveryLink("c2", "c9").isBroken()));
            assertEquals(Health.ERROR, LiveFx.onFx(() -> view.dataPlaneLink("net-4", "net-1").health()), "net-4's gateways have no address");
            assertEquals(Health.WARNING, LiveFx.onFx(() -> view.dataPlaneLink("net-3", "net-1").health()), "one of net-3's gateways is degraded");
            Node badge = LiveFx.onFx(() -> view.discoveryLink("c2", "c9").badge());
            assertTrue(LiveFx.onFx(badge::isVisible), "the break symbol is shown");
            LiveFx.snapshot(LiveFx.gallery().resolve("broken-10c-4n-" + (dark ? "dark" : "light") + ".png"));
            LiveFx.resize(1024, 700);
            LiveFx.snapshot(LiveFx.gallery().resolve("broken-10c-4n-1024-" + (dark ? "dark" : "light") + ".png"));
            double before = LiveFx.onFx(view::getHeight);
            new FxRobot().clickOn("#show-tables");
            LiveFx.waitUntil("the topology takes the whole window", () -> view.getHeight() > before * 1.2);
            LiveFx.snapshot(LiveFx.gallery().resolve("broken-10c-4n-1024-topology-only-" + (dark ? "dark" : "light") + ".png"));
            pane.stop();
            LiveFx.close();
        }
    }

    @Test
    void theStandaloneWindowShowsUnreachableClustersOfflineAndStopsWhenClosed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        MeshPlan plan = Samples.plan(2, 2);
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
        dev.crossmesh.kube.ClusterClients clients = new dev.crossmesh.kube.ClusterClients(dev.crossmesh.kube.Kubeconfigs.of(List.of(kubeconfig)));
        javafx.stage.Stage window = LiveFx.onFx(javafx.stage.Stage::new);
        LivePane live = LiveFx.onFx(() -> LiveWindow.show(window, plan, clients, false));
        assertEquals("crossmesh live · mesh1", LiveFx.onFx(window::getTitle));
        LiveFx.waitUntil("both clusters offline: their contexts are not in the kubeconfig", () -> live.viewModel().topologyProperty().get().clusters()
                .stream().allMatch(c -> c.state() == ConnectionState.OFFLINE));
        assertTrue(LiveFx.onFx(() -> live.viewModel().findingRows().stream().allMatch(f -> f.message().contains("kubeconfig"))));
        LiveFx.runOnFx(window::hide);
        live.stop().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void exportsThePictureAndTheStatusJson() throws Exception {
        MeshPlan plan = Samples.plan(3, 2);
        Path dir = Files.createDirectories(Path.of("target", "topology-export"));
        Path png = dir.resolve("topology.png");
        Path json = dir.resolve("status.json");
        Files.deleteIfExists(png);
        Files.deleteIfExists(json);
        LiveFx.ManualFeed feed = new LiveFx.ManualFeed();
        MeshStatus status = Samples.healthy(plan);
        feed.push(status);
        Path png2 = dir.resolve("topology-larger-window.png");
        Files.deleteIfExists(png2);
        pane = LiveFx.onFx(() -> LivePane.of(plan, feed, LiveFx.answering(List.of(png, json, png2))));
        LiveFx.show(pane, 1024, 700, false);
        LiveFx.waitUntil("first snapshot", () -> pane.viewModel().statusProperty().get() != null);
        FxRobot robot = new FxRobot();
        robot.clickOn("#export-png");
        LiveFx.waitUntil("PNG written", () -> Files.exists(png));
        javafx.scene.image.Image image = new javafx.scene.image.Image(png.toUri().toString());
        // the picture is the whole drawing at the text size, whatever the window: the same from a larger window
        assertTrue(image.getWidth() >= 720 * LivePane.PNG_SCALE && image.getHeight() > 300, image.getWidth() + "x" + image.getHeight());
        robot.clickOn("#export-json");
        LiveFx.waitUntil("JSON written", () -> Files.exists(json));
        assertEquals(dev.crossmesh.status.StatusJson.pretty(status) + System.lineSeparator(), Files.readString(json));
        LiveFx.waitUntil("the message names the file", () -> pane.messageText().contains(json.toString()));
        LiveFx.resize(1600, 1000);
        robot.clickOn("#export-png");
        LiveFx.waitUntil("PNG written", () -> Files.exists(png2));
        javafx.scene.image.Image again = new javafx.scene.image.Image(png2.toUri().toString());
        assertEquals(image.getWidth(), again.getWidth(), 1.0);
        assertEquals(image.getHeight(), again.getHeight(), 1.0);
    }
}
