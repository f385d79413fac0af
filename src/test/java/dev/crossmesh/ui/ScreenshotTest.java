package dev.crossmesh.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import dev.crossmesh.GuiRequest;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.kube.ClusterProbe;
import dev.crossmesh.ui.apply.ApplyStepViewModel;
import dev.crossmesh.ui.core.WizardStep;
import dev.crossmesh.ui.shell.MainWindow;
import io.fabric8.kubernetes.api.model.NodeBuilder;

/**
 * Walks the wizard against three demo clusters and writes one PNG per step into the folder named by the system
 * property {@code crossmesh.screenshots} (the README shows them). Excluded from the normal test run; run it with
 * {@code mvn -q -o test -Dtest=ScreenshotTest}; {@code -Dcrossmesh.screenshots.width/height/textSize} check other sizes.
 */
class ScreenshotTest {
    private static final List<String> REGIONS = List.of("europe-west1", "us-east1", "asia-south1");

    private MainWindow window;

    @AfterEach
    void close() throws Exception {
        WizardFx.close(window);
    }

    @Test
    void onePicturePerStep(@TempDir Path dir) throws Exception {
        Path out = Path.of(System.getProperty("crossmesh.screenshots", "screenshots"));
        double width = Double.parseDouble(System.getProperty("crossmesh.screenshots.width", "1280"));
        double height = Double.parseDouble(System.getProperty("crossmesh.screenshots.height", "800"));
        try (DemoClusters demo = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            for (int i = 0; i < 3; i++) {
                var admin = demo.servers().get(i).adminClient();
                for (String node : List.of("node-a", "node-b")) {
                    admin.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
                            .withLabels(Map.of(ClusterProbe.REGION_LABEL, REGIONS.get(i))).endMetadata().build()).create();
                }
            }
            ScriptedDialogs dialogs = new ScriptedDialogs();
            window = WizardFx.show(WizardFx.services(dir, dialogs, List.of(demo.kubeconfig()), text -> { }),
                    new GuiRequest(null, false, demo.kubeconfig()), width, height);
            Stage stage = WizardFx.stage();
            FxRobot robot = new FxRobot();
            int textSize = Integer.getInteger("crossmesh.screenshots.textSize", 0);
            if (textSize > 0) {
                WizardFx.runOnFx(() -> window.preferences().textSizeProperty().set(textSize));
            }

            WizardFx.waitUntil("three contexts listed", () -> window.clustersStep().rows().size() == 3);
            robot.clickOn("#pick-demo-cluster-1");
            robot.clickOn("#pick-demo-cluster-2");
            robot.clickOn("#pick-demo-cluster-3");
            WizardFx.waitUntil("three clusters reachable", () -> window.clustersStep().rows().stream()
                    .allMatch(r -> r.reachability().state() == dev.crossmesh.ui.clusters.Reachability.State.REACHABLE));
            WizardFx.snapshot(stage, out.resolve("1-clusters.png"));

            robot.clickOn("#next");
            TextField meshId = robot.lookup("#meshId").queryAs(TextField.class);
            robot.doubleClickOn(meshId).eraseText(meshId.getText().length()).write("shop-mesh");
            WizardFx.snapshot(stage, out.resolve("2-mesh.png"));

            robot.clickOn("#next");
            TextField network = robot.lookup("#cluster1-network").queryAs(TextField.class);
            robot.doubleClickOn(network).eraseText(network.getText().length()).write("VPC_2");
            WizardFx.snapshot(stage, out.resolve("3-networks-invalid.png"));
            robot.doubleClickOn(network).eraseText(network.getText().length()).write("vpc-us");
            WizardFx.snapshot(stage, out.resolve("3-networks.png"));

            robot.clickOn("#next");
            WizardFx.waitUntil("preview rendered", () -> window.previewStep().validProperty().get());
            @SuppressWarnings("unchecked")
            javafx.scene.control.ListView<Object> files = robot.lookup("#manifestFiles").queryAs(javafx.scene.control.ListView.class);
            WizardFx.runOnFx(() -> files.scrollTo(6));
            robot.clickOn("07-service-istio-eastwestgateway.yaml");
            WizardFx.snapshot(stage, out.resolve("4-preview.png"));

            robot.clickOn("#compareWithClusters");
            WizardFx.waitUntil("the live diff", () -> !window.previewStep().diffs().isEmpty());
            WizardFx.snapshot(stage, out.resolve("4-preview.png"));

            // Apply: dry run, apply, the gateway addresses; then the same apply with a cluster stopped, for the failure
            robot.clickOn("#next");
            robot.clickOn("#dryRun");
            WizardFx.waitUntil("the dry run passed", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.DRY_RUN_PASSED);
            dialogs.confirmations.add(true);
            robot.clickOn("#applyRun");
            WizardFx.waitUntil("the apply succeeded", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.SUCCEEDED);
            WizardFx.snapshot(stage, out.resolve("5-apply.png"));

            // a re-apply needs a fresh dry run: it passes, then the cluster goes away before the apply
            robot.clickOn("#dryRun");
            WizardFx.waitUntil("the second dry run passed", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.DRY_RUN_PASSED);
            demo.server("demo-cluster-3").stop();
            dialogs.confirmations.add(true);
            robot.clickOn("#applyRun");
            WizardFx.waitUntil("the apply failed", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.FAILED);
            WizardFx.snapshot(stage, out.resolve("5-apply-failed.png"));
            demo.server("demo-cluster-3").start();

            WizardFx.runOnFx(() -> window.wizard().jumpTo(WizardStep.LIVE));
            WizardFx.waitUntil("the live view shows the healed mesh", () -> WizardFlowTest.liveClustersSynced(window, 3)
                    && window.liveView().pane().viewModel().statusProperty().get().findings().isEmpty());
            WizardFx.snapshot(stage, out.resolve("6-live.png"));

            WizardFx.runOnFx(() -> window.wizard().goTo(WizardStep.PREVIEW));
            WizardFx.runOnFx(() -> window.preferences().darkProperty().set(true));
            robot.clickOn("#compareWithClusters");
            WizardFx.waitUntil("the diff after the apply", () -> window.previewStep().diffs().values().stream()
                    .anyMatch(d -> d.change() == dev.crossmesh.ui.preview.ObjectDiff.Change.UNCHANGED));
            WizardFx.snapshot(stage, out.resolve("4-preview-dark.png"));
            WizardFx.runOnFx(() -> window.wizard().goTo(WizardStep.NETWORKS));
            WizardFx.snapshot(stage, out.resolve("3-networks-dark.png"));
            WizardFx.runOnFx(() -> window.preferences().darkProperty().set(false));
        }
        for (String name : List.of("1-clusters", "2-mesh", "3-networks", "4-preview", "5-apply", "5-apply-failed", "6-live")) {
            assertTrue(Files.size(out.resolve(name + ".png")) > 10_000, name + " was written");
        }
    }
}
