package dev.crossmesh.ui.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import dev.crossmesh.cli.CliRunner;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanReader;
import dev.crossmesh.status.ClusterStatus;
import dev.crossmesh.status.ConnectionState;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.StatusCodes;
import dev.crossmesh.status.StatusMonitor;

/**
 * The live view as a user meets it: three demo clusters, {@code crossmesh apply examples/demo-three-clusters.yaml},
 * then the live pane watching them through the kubeconfig. Every gateway address and every discovery link shows; a
 * deleted remote secret and a stopped API server show as broken and offline with their findings; restoring them heals
 * the picture. Writes screenshots/live-healthy.png and screenshots/live-broken.png.
 */
class LiveDemoFxTest {
    static final String PLAN = "examples/demo-three-clusters.yaml";
    static final List<String> CLUSTERS = List.of("eu-west", "us-east", "asia-south");
    static final long WAIT = 60;

    private LivePane pane;
    private ClusterClients clients;

    @AfterEach
    void close() throws Exception {
        if (pane != null) {
            pane.stop().get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (clients != null) {
            clients.close();
        }
        LiveFx.close();
    }

    @Test
    void showsTheAppliedMeshThenABrokenLinkAndAnOfflineClusterAndHeals(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            CliRunner.Result apply = apply(demo, dir);
            assertEquals(0, apply.code(), apply.all());

            MeshPlan plan = PlanReader.read(Path.of(PLAN)).plan();
            clients = new ClusterClients(Kubeconfigs.of(List.of(demo.kubeconfig())));
            StatusMonitor.Options options = StatusMonitor.Options.defaults().withProbeInterval(Duration.ofMillis(500))
                    .withOfflineAfter(Duration.ofSeconds(2)).withRetryInterval(Duration.ofSeconds(1));
            Path json = dir.resolve("status.json");
            pane = LiveFx.onFx(() -> LivePane.start(plan, clients, options, LiveFx.answering(List.of(json))));
            LiveFx.show(pane, 1280, 800, false);
            TopologyView view = pane.topologyView();
            TopologyViewModel vm = pane.viewModel();

            // healthy: every gateway with its address, every discovery link ok, no finding
            LiveFx.waitUntil("the applied mesh shows healthy", WAIT, () -> healthy(vm));
            MeshStatus status = LiveFx.onFx(() -> vm.statusProperty().get());
            List<String> addresses = new ArrayList<>();
            for (String c : CLUSTERS) {
                String address = status.cluster(c).orElseThrow().gateway().address();
                assertTrue(address.startsWith("127."), c + " has the demo load balancer's address: " + address);
                assertEquals(address + ":15443", LiveFx.onFx(() -> view.gatewayRow(c).addressText()), "the rail shows " + c + "'s gateway");
                addresses.add(address);
                assertTrue(LiveFx.onFx(() -> view.card(c).shown().demo() && view.card(c).lookup(".cluster-demo-tag").isVisible()),
                        c + "'s card says it is a demo cluster");
                for (String other : CLUSTERS) {
                    if (!other.equals(c)) {
                        LinkNode link = LiveFx.onFx(() -> view.discoveryLink(c, other));
                        assertNotNull(link, "discovery link " + c + " reads " + other);
                        assertEquals(Health.OK, link.health(), c + " reads " + other);
                        assertTrue(LiveFx.onFx(link::isVisible));
                    }
                }
            }
            assertEquals(3, addresses.stream().distinct().count(), "three gateways, three addresses");
            assertEquals(Health.OK, LiveFx.onFx(() -> view.dataPlaneLink("net-a", "net-b").health()));
            assertEquals(3, LiveFx.onFx(() -> pane.gatewayTable().getItems().size()));
            assertEquals("Healthy", LiveFx.onFx(pane::healthText));
            assertEquals("Findings", LiveFx.onFx(pane::findingsTabText));
            assertTrue(LiveFx.onFx(() -> pane.gatewayTable().getItems().stream().allMatch(e -> e.row().probe().equals("ready"))));
            LiveFx.snapshot(LiveFx.screenshots().resolve("live-healthy.png"));

            FxRobot robot = new FxRobot();

            // break: eu-west loses its remote secret for asia-south, us-east's API server stops
            demo.server("demo-cluster-1").adminClient().secrets().inNamespace("istio-system").withName("istio-remote-secret-asia-south").delete();
            LiveFx.waitUntil("the discovery link eu-west -> asia-south shows broken", WAIT, () -> {
                LinkNode link = view.discoveryLink("eu-west", "asia-south");
                return link != null && link.isBroken() && link.badge().isVisible();
            });
            assertTrue(LiveFx.onFx(() -> hasFinding(pane, StatusCodes.REMOTE_SECRET_MISSING, "eu-west")), "the finding is listed");
            assertEquals(Health.ERROR, LiveFx.onFx(() -> view.card("eu-west").shown().health()));
            assertFalse(LiveFx.onFx(() -> view.discoveryLink("asia-south", "eu-west").isBroken()), "the other direction still works");

            demo.server("demo-cluster-2").stop();
            LiveFx.waitUntil("us-east shows offline", WAIT, () -> view.card("us-east").shown().state() == ConnectionState.OFFLINE
                    && hasFinding(pane, StatusCodes.CLUSTER_OFFLINE, "us-east"));
            assertEquals(Health.OFFLINE, LiveFx.onFx(() -> view.gatewayRow("us-east").health()));
            assertEquals("2 errors", LiveFx.onFx(pane::healthText), "the toolbar counts every error");
            assertEquals("Findings (2 errors, 0 warnings)", LiveFx.onFx(pane::findingsTabText));
            robot.clickOn("#cluster-eu-west");
            LiveFx.waitUntil("eu-west's details say the secret is missing", () -> {
                Details d = vm.detailsProperty().get();
                return d != null && d.value("Remote secrets: istiod here reads", "asia-south").startsWith("missing");
            });
            assertTrue(LiveFx.onFx(() -> vm.detailsProperty().get().value("Connection", "Cluster")).startsWith("demo: an API server inside crossmesh"));
            robot.clickOn("Findings (2 errors, 0 warnings)");
            LiveFx.snapshot(LiveFx.screenshots().resolve("live-broken.png"));

            // restore: the API server comes back, apply puts the secret back
            demo.server("demo-cluster-2").start();
            LiveFx.waitUntil("us-east is synced again", WAIT, () -> view.card("us-east").shown().state() == ConnectionState.SYNCED);
            CliRunner.Result again = apply(demo, dir);
            assertEquals(0, again.code(), again.all());
            LiveFx.waitUntil("the mesh heals", WAIT, () -> healthy(vm));
            assertFalse(LiveFx.onFx(() -> view.discoveryLink("eu-west", "asia-south").isBroken()));
            assertEquals("present (istio-remote-secret-asia-south)",
                    LiveFx.onFx(() -> vm.detailsProperty().get().value("Remote secrets: istiod here reads", "asia-south")));

            // the export is what `crossmesh status --json` prints
            robot.clickOn("#export-json");
            LiveFx.waitUntil("JSON written", () -> Files.exists(json));
            String exported = Files.readString(json);
            assertTrue(exported.contains("\"meshId\": \"demo-mesh\""), exported);
            assertEquals(dev.crossmesh.status.StatusJson.pretty(LiveFx.onFx(() -> vm.statusProperty().get())) + System.lineSeparator(), exported);
        }
    }

    static CliRunner.Result apply(DemoClusters demo, Path dir) {
        return CliRunner.run("apply", "--plan", PLAN, "--yes", "--kubeconfig", demo.kubeconfig().toString(), "--certs", dir.resolve("certs").toString(),
                "--ca-key-type", "ec-p256");
    }

    /** Synced, probed ready, no finding, and every drawn element ok. */
    static boolean healthy(TopologyViewModel vm) {
        MeshStatus s = vm.statusProperty().get();
        if (s == null || !s.findings().isEmpty() || s.clusters().size() != 3) {
            return false;
        }
        for (ClusterStatus c : s.clusters()) {
            if (!c.synced() || c.gateway().probe().state() != dev.crossmesh.status.ProbeState.READY) {
                return false;
            }
        }
        return vm.topologyProperty().get().elements().values().stream().allMatch(e -> e.health() == Health.OK);
    }

    static boolean hasFinding(LivePane pane, String code, String cluster) {
        return pane.findingsPanel().list().getItems().stream().anyMatch(f -> f.code().equals(code) && f.cluster().equals(cluster));
    }
}
