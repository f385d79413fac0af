package dev.crossmesh.ui.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javafx.scene.control.Labeled;

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
import dev.crossmesh.render.Labels;
import dev.crossmesh.status.StatusMonitor;
import dev.crossmesh.ui.verify.VerifyViewModel;
import dev.crossmesh.verify.Verdict;
import dev.crossmesh.verify.VerifyCodes;
import dev.crossmesh.verify.VerifyReport;
import dev.crossmesh.verify.VerifyWorkload;

/**
 * Verify from the live view, clicked: on a healthy three-cluster mesh every cell of the matrix has answers and the
 * data-plane link between the networks lights up; with asia-south's cross-network Gateway deleted, Run again shows
 * net-a's requests to asia-south missing, the finding that says why, and the link lit as partly crossed.
 */
class VerifyFxTest {
    static final List<String> CLUSTERS = LiveDemoFxTest.CLUSTERS;

    private LivePane pane;
    private ClusterClients clients;

    @AfterEach
    void close() throws Exception {
        if (pane != null) {
            pane.stop().get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (clients != null) {
            clients.close();
        }
        LiveFx.close();
    }

    @Test
    void verifyDrawsTheMatrixAndLightsTheLinksItCrossed(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            CliRunner.Result apply = LiveDemoFxTest.apply(demo, dir);
            assertEquals(0, apply.code(), apply.all());
            MeshPlan plan = PlanReader.read(Path.of(LiveDemoFxTest.PLAN)).plan();
            clients = new ClusterClients(Kubeconfigs.of(List.of(demo.kubeconfig())));
            StatusMonitor.Options options = StatusMonitor.Options.defaults().withProbeInterval(Duration.ofMillis(500));
            pane = LiveFx.onFx(() -> LivePane.start(plan, clients, options, LiveFx.answering(List.of())));
            LiveFx.show(pane, 1400, 860, false);
            LiveFx.waitUntil("the applied mesh shows healthy", LiveDemoFxTest.WAIT, () -> LiveDemoFxTest.healthy(pane.viewModel()));
            FxRobot robot = new FxRobot();

            // istiod's own view of its remote clusters, beside the secrets that should make it so
            robot.clickOn("#cluster-eu-west");
            LiveFx.waitUntil("eu-west's details show what its istiod reports", () -> {
                Details d = pane.viewModel().detailsProperty().get();
                return d != null && "synced".equals(d.value("istiod's remote clusters (/debug/clusterz)", "asia-south"))
                        && "synced".equals(d.value("istiod's remote clusters (/debug/clusterz)", "us-east"));
            });
            LiveFx.runOnFx(() -> pane.viewModel().clearSelection());

            robot.clickOn("#verify-traffic");
            VerifyViewModel check = LiveFx.onFx(pane::trafficCheck);
            VerifyReport healthy = awaitReport(check, null);
            assertEquals(Verdict.OK, healthy.verdict(), healthy.toString());
            for (String from : CLUSTERS) {
                for (String to : CLUSTERS) {
                    Labeled cell = robot.lookup("#verify-cell-" + from + "-" + to).queryAs(Labeled.class);
                    assertTrue(Integer.parseInt(cell.getText()) > 0 && cell.getStyleClass().contains("verify-reached"), from + " -> " + to);
                }
                assertEquals("ok", robot.lookup("#verify-verdict-" + from).queryAs(Labeled.class).getText());
            }
            assertTrue(LiveFx.onFx(() -> pane.topologyView().dataPlaneLink("net-a", "net-b").getStyleClass().contains(VerifyViewModel.LINK_OK)),
                    "the link between the networks lights up");
            for (var s : demo.servers()) {
                assertEquals(null, s.adminClient().namespaces().withName(VerifyWorkload.NAMESPACE).get(), "the check cleaned up in " + s.name());
            }
            LiveFx.snapshot(LiveFx.screenshots().resolve("live-verify.png"));

            // asia-south's gateway stops passing traffic in: net-a's requests to it go unanswered
            demo.server("demo-cluster-3").adminClient().genericKubernetesResources("networking.istio.io/v1", "Gateway")
                    .inNamespace(Labels.ISTIO_NAMESPACE).withName(Labels.CROSS_NETWORK_GATEWAY).delete();
            robot.clickOn("#verify-run");
            VerifyReport broken = awaitReport(check, healthy);
            assertEquals(Verdict.PARTIAL, broken.verdict());
            Labeled missing = robot.lookup("#verify-cell-eu-west-asia-south").queryAs(Labeled.class);
            assertEquals("0", missing.getText());
            assertTrue(missing.getStyleClass().contains("verify-missing"), missing.getStyleClass().toString());
            assertEquals("partial", robot.lookup("#verify-verdict-eu-west").queryAs(Labeled.class).getText());
            assertEquals("ok", robot.lookup("#verify-verdict-asia-south").queryAs(Labeled.class).getText(), "net-b still reaches net-a");
            assertTrue(robot.lookup(".verify-finding").queryAllAs(Labeled.class).stream()
                    .anyMatch(l -> l.getText().startsWith("error " + VerifyCodes.NO_CROSS_NETWORK_GATEWAY + " [asia-south]")), "the finding says why");
            assertTrue(LiveFx.onFx(() -> pane.topologyView().dataPlaneLink("net-a", "net-b").getStyleClass().contains(VerifyViewModel.LINK_PARTIAL)));

            robot.clickOn("#verify-close");
            assertTrue(LiveFx.onFx(() -> pane.topologyView().dataPlaneLink("net-a", "net-b").getStyleClass().stream().noneMatch(c -> c.startsWith("traffic-"))),
                    "closing the check puts the links back as the status draws them");
        }
    }

    /** Waits for a report other than {@code previous}. */
    private static VerifyReport awaitReport(VerifyViewModel check, VerifyReport previous) throws Exception {
        LiveFx.waitUntil("the traffic check is done", 90, () -> !check.runningProperty().get() && check.reportProperty().get() != null
                && check.reportProperty().get() != previous);
        return LiveFx.onFx(() -> check.reportProperty().get());
    }
}
