package dev.crossmesh.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import dev.crossmesh.GuiRequest;
import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.cli.CliRunner;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanReader;
import dev.crossmesh.plan.PlanValidator;
import dev.crossmesh.plan.PlanWriter;
import dev.crossmesh.render.Manifest;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.ui.apply.ApplyService;
import dev.crossmesh.ui.apply.ApplyStepViewModel;
import dev.crossmesh.ui.core.WizardStep;
import dev.crossmesh.ui.preview.PreviewStepViewModelTestSupport;
import dev.crossmesh.ui.shell.MainWindow;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/**
 * The wizard driven as a user drives it, by clicking and typing, against demo clusters it starts itself:
 * pick two contexts, see them reachable, name the mesh, type an invalid network and read the validator's message,
 * fix it, preview the east-west Service, export, save the plan, compare with the clusters, dry run, apply and see the
 * gateway addresses, then go on to the Live step.
 */
class WizardFlowTest {
    private MainWindow window;

    @AfterEach
    void close() throws Exception {
        WizardFx.close(window);
    }

    @Test
    void fromDemoContextsToAnExportedMesh(@TempDir Path dir) throws Exception {
        ScriptedDialogs dialogs = new ScriptedDialogs();
        List<String> clipboard = new ArrayList<>();
        window = WizardFx.show(WizardFx.services(dir, dialogs, List.of(dir.resolve("no-kubeconfig-here")), clipboard::add),
                GuiRequest.wizard(), 1024, 700);
        Stage stage = WizardFx.stage();
        FxRobot robot = new FxRobot();

        // Clusters: start two demo clusters, picked as they start, see them answer
        assertTrue(robot.lookup("#next").queryAs(Button.class).isDisabled());
        dialogs.numbers.add(Optional.of(2));
        robot.clickOn("#demoClusters");
        WizardFx.waitUntil("the demo contexts are listed", () -> robot.lookup("#pick-demo-cluster-2").tryQuery().isPresent());
        WizardFx.waitUntil("both clusters show as reachable", () -> shownTexts(robot, ".table-cell").stream()
                .filter(t -> t.equals("Kubernetes v1.30.4")).count() == 2);
        assertFalse(robot.lookup("#next").queryAs(Button.class).isDisabled());

        // Mesh: Alt+N is Next; type the mesh ID
        robot.press(KeyCode.ALT, KeyCode.N).release(KeyCode.N, KeyCode.ALT);
        WizardFx.waitUntil("the Mesh step", () -> window.wizard().current() == WizardStep.MESH);
        replaceText(robot, "#meshId", "shop-mesh");
        assertEquals("shop-mesh", window.planModel().plan().meshId());

        // Networks: an invalid network shows the validator's own words and blocks Next; fixing it clears both
        robot.clickOn("#next");
        WizardFx.waitUntil("the Networks step", () -> window.wizard().current() == WizardStep.NETWORKS);
        replaceText(robot, "#cluster1-network", "Net_2");
        Finding expected = PlanValidator.validate(window.planModel().plan()).stream()
                .filter(f -> f.path().equals("clusters[1].network")).findFirst().orElseThrow();
        assertEquals("Cluster 'demo-cluster-2' network 'Net_2' has upper-case letters; use lower case; may only hold lower-case letters, digits and '-': name the cluster's VPC or L3 network "
                + "with a DNS-1123 label such as 'vpc-1'; clusters that reach each other's pods directly share one", expected.message());
        WizardFx.waitUntil("the message under the field", () -> shownTexts(robot, ".field-message").contains(expected.message()));
        assertTrue(robot.lookup("#next").queryAs(Button.class).isDisabled());
        replaceText(robot, "#cluster1-network", "net-2");
        WizardFx.waitUntil("the message is gone", () -> !shownTexts(robot, ".field-message").contains(expected.message()));
        assertFalse(robot.lookup("#next").queryAs(Button.class).isDisabled());

        // Preview: the east-west Service as it will be applied
        robot.clickOn("#next");
        WizardFx.waitUntil("the preview is rendered", () -> window.previewStep().validProperty().get());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<Object> files = robot.lookup("#manifestFiles").queryAs(javafx.scene.control.ListView.class);
        WizardFx.runOnFx(() -> files.scrollTo(6));
        robot.clickOn("07-service-istio-eastwestgateway.yaml");
        MeshPlan plan = window.planModel().plan();
        Manifest service = ManifestRenderer.render(plan, CertStore.forPlan(plan, dir.resolve("certs").resolve("shop-mesh"), KeyType.EC_P256))
                .manifests("demo-cluster-1").stream().filter(m -> m.fileName().equals("07-service-istio-eastwestgateway.yaml")).findFirst().orElseThrow();
        WizardFx.waitUntil("the Service's YAML is shown", () -> robot.lookup("#manifestYaml").queryAs(CodeArea.class).getText().equals(service.previewYaml()));
        String shown = robot.lookup("#manifestYaml").queryAs(CodeArea.class).getText();
        assertEquals(service.yaml(), shown, "byte for byte what is applied");
        assertTrue(shown.contains("port: 15443"), shown);
        robot.clickOn("#copyManifest");
        assertEquals(List.of(service.yaml()), clipboard);

        // Export: the same files as `crossmesh export`
        Path export = dir.resolve("export");
        dialogs.folders.add(Optional.of(export));
        robot.clickOn("#exportManifests");
        WizardFx.waitUntil("the export is written", () -> robot.lookup("#previewMessage").queryAs(Labeled.class).getText().startsWith("Exported 24 files"));
        Path planFile = dir.resolve("for-cli.yaml");
        PlanWriter.write(plan, planFile);
        Path cliExport = dir.resolve("cli-export");
        CliRunner.Result cli = CliRunner.run("export", "--plan", planFile.toString(), "--out", cliExport.toString(),
                "--certs", dir.resolve("certs").resolve("shop-mesh").toString());
        assertEquals(0, cli.code(), cli.all());
        assertEquals(PreviewStepViewModelTestSupport.tree(cliExport), PreviewStepViewModelTestSupport.tree(export));
        assertTrue(Files.readString(export.resolve("demo-cluster-1/07-service-istio-eastwestgateway.yaml")).contains("port: 15443"));

        // Save with Ctrl+S: the title loses its unsaved mark
        assertEquals("*Untitled plan — crossmesh", stage.getTitle());
        Path saved = dir.resolve("shop-mesh.yaml");
        dialogs.files.add(Optional.of(saved));
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        WizardFx.waitUntil("the plan is saved", () -> stage.getTitle().equals("shop-mesh.yaml — crossmesh"));
        assertEquals(plan, PlanReader.read(saved).plan());

        // Live diff: every file is new to the demo clusters
        robot.clickOn("#compareWithClusters");
        WizardFx.waitUntil("the create badges", () -> shownTexts(robot, ".diff-badge").contains("create"));
        assertEquals(List.of("create"), shownTexts(robot, ".diff-badge").stream().distinct().toList());
        String diffStatus = robot.lookup("#liveDiffStatus").queryAs(Labeled.class).getText();
        assertTrue(diffStatus.startsWith("Of the ") && diffStatus.contains(" steps, applying would create ")
                && diffStatus.contains(", update 0 and leave 0 unchanged; the other 2 are gateway-address waits. Compared at "), diffStatus);

        // Apply: the dry run first, then the apply, asked once more; the gateway addresses arrive
        robot.clickOn("#next");
        WizardFx.waitUntil("the Apply step", () -> window.wizard().current() == WizardStep.APPLY);
        assertTrue(robot.lookup("#next").queryAs(Button.class).isDisabled(), "Live only after an apply");
        assertTrue(robot.lookup("#applyRun").queryAs(Button.class).isDisabled(), "no apply before a dry run passed");
        robot.clickOn("#dryRun");
        WizardFx.waitUntil("the dry run passed", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.DRY_RUN_PASSED);
        assertTrue(robot.lookup("#applyHeadline").queryAs(Labeled.class).getText().startsWith("Dry run passed in "));
        assertTrue(robot.lookup("#next").queryAs(Button.class).isDisabled(), "a dry run does not open Live");

        dialogs.confirmations.add(true);
        FxStallMeter stalls = FxStallMeter.start();
        long start = System.nanoTime();
        robot.clickOn("#applyRun");
        WizardFx.waitUntil("both gateway addresses are shown", () -> gatewayTexts(robot).size() == 2
                && gatewayTexts(robot).stream().allMatch(t -> t.matches("127\\.0\\.0\\.\\d+")));
        WizardFx.waitUntil("the apply succeeded", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.SUCCEEDED);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long stall = stalls.stop();
        System.out.println("apply of 2 demo clusters through the GUI: " + millis + " ms to done; longest FX-thread stall meanwhile " + stall + " ms");
        assertTrue(dialogs.asked.contains("confirm: Apply shop-mesh to 2 clusters?"), dialogs.asked.toString());
        assertTrue(robot.lookup("#applyHeadline").queryAs(Labeled.class).getText().startsWith("Applied to 2 clusters in "));
        assertTrue(window.applyStep().log().stream().anyMatch(e -> e.cluster().equals("demo-cluster-2") && e.step().equals("Secret istio-system/cacerts")
                && e.status() == ApplyService.Update.Status.DONE), "the log names each step");
        assertTrue(shownTexts(robot, ".table-cell").stream().anyMatch(t -> t.startsWith("Secret istio-system/istio-remote-secret-")),
                "the newest lines (the remote secrets, last) are in view");

        robot.clickOn("#next");
        WizardFx.waitUntil("the Live step", () -> window.wizard().current() == WizardStep.LIVE);
        WizardFx.waitUntil("the live view shows both clusters synced with their gateways", () -> liveClustersSynced(window, 2));

        // Verify: requests from each cluster's client are answered by both clusters, across the two networks
        robot.clickOn("#verify-traffic");
        WizardFx.waitUntil("the traffic check is done", () -> {
            var check = window.liveView().pane().trafficCheck();
            return check != null && !check.runningProperty().get() && check.reportProperty().get() != null;
        });
        var report = window.liveView().pane().trafficCheck().reportProperty().get();
        assertEquals(dev.crossmesh.verify.Verdict.OK, report.verdict(), report.toString());
        assertTrue(robot.lookup("#verify-status").queryAs(Labeled.class).getText().startsWith("Every cluster reached every cluster it must"));
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
    }

    /** The Live step's pane is watching and every cluster of the applied plan is synced with a gateway address. */
    static boolean liveClustersSynced(MainWindow window, int clusters) {
        var pane = window.liveView().pane();
        var status = pane == null ? null : pane.viewModel().statusProperty().get();
        return status != null && status.clusters().size() == clusters && status.clusters().stream()
                .allMatch(c -> c.state() == dev.crossmesh.status.ConnectionState.SYNCED && c.gateway().address() != null
                        && !c.gateway().address().isEmpty());
    }

    private static List<String> gatewayTexts(FxRobot robot) {
        return robot.lookup(n -> n.getId() != null && n.getId().startsWith("gateway-") && n instanceof Labeled).queryAll().stream()
                .map(n -> ((Labeled) n).getText()).toList();
    }

    @Test
    void opensThePlanGivenAtStartAndAsksBeforeQuittingWithUnsavedChanges(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.start(2, dir.resolve("kubeconfig"))) {
            ScriptedDialogs dialogs = new ScriptedDialogs();
            Path planFile = openTwoClusterPlan(dir, demo, dialogs);
            Stage stage = WizardFx.stage();
            FxRobot robot = new FxRobot();

            WizardFx.waitUntil("the plan is open", () -> stage.getTitle().equals("two.yaml — crossmesh"));
            awaitReachable(robot, 2);
            robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
            WizardFx.waitUntil("Ctrl+3 opens the Networks step", () -> window.wizard().current() == WizardStep.NETWORKS);
            assertEquals("vpc-2", robot.lookup("#cluster1-network").queryAs(TextField.class).getText());
            replaceText(robot, "#cluster1-network", "vpc-3");
            WizardFx.waitUntil("the title marks the change", () -> stage.getTitle().equals("*two.yaml — crossmesh"));

            dialogs.unsavedChoices.add(dev.crossmesh.ui.core.DialogService.UnsavedChoice.CANCEL);
            robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
            WizardFx.waitUntil("the question was asked", () -> dialogs.asked.contains("unsaved: two.yaml"));
            assertTrue(stage.isShowing(), "cancel keeps the window open");
            assertEquals("vpc-2", PlanReader.read(planFile).plan().clusters().get(1).network(), "nothing was written");
        }
    }

    @Test
    void anObjectCrossmeshDidNotCreateIsLeftAloneUntilTheUserTakesItOver(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(2).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            // someone made the east-west gateway Service by hand in the first cluster
            var admin = demo.server("demo-cluster-1").adminClient();
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata().build()).create();
            admin.services().inNamespace("istio-system").resource(new ServiceBuilder().withNewMetadata().withName("istio-eastwestgateway")
                    .addToLabels("team", "net").endMetadata().withNewSpec().withType("ClusterIP").addNewPort().withName("tls").withPort(15443)
                    .endPort().endSpec().build()).create();
            ScriptedDialogs dialogs = new ScriptedDialogs();
            openTwoClusterPlan(dir, demo, dialogs);
            FxRobot robot = new FxRobot();
            awaitReachable(robot, 2);
            WizardFx.runOnFx(() -> window.wizard().jumpTo(WizardStep.PREVIEW));
            WizardFx.waitUntil("the preview is rendered", () -> window.previewStep().validProperty().get());
            robot.clickOn("#compareWithClusters");
            WizardFx.waitUntil("the diff names the object that is not crossmesh's", () -> robot.lookup("#liveDiffStatus").queryAs(Labeled.class)
                    .getText().contains("1 object exists without crossmesh's labels and would be left alone"));
            assertTrue(robot.lookup("#liveDiffStatus").queryAs(Labeled.class).getText().contains("unless you tick Take over existing objects"));
            robot.clickOn("#next");
            WizardFx.waitUntil("the Apply step", () -> window.wizard().current() == WizardStep.APPLY);

            robot.clickOn("#dryRun");
            WizardFx.waitUntil("the dry run failed", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.DRY_RUN_FAILED);
            List<String> problems = shownTexts(robot, ".apply-problem");
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("east · Service istio-system/istio-eastwestgateway: left alone: ")
                    && p.contains("--force")), problems.toString());

            robot.clickOn("#takeOver");
            assertEquals(ApplyStepViewModel.State.IDLE, window.applyStep().stateProperty().get());
            assertTrue(robot.lookup("#applyHeadline").queryAs(Labeled.class).getText().startsWith("Objects crossmesh did not create will be taken over"));
            robot.clickOn("#dryRun");
            WizardFx.waitUntil("the dry run passed", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.DRY_RUN_PASSED);
            dialogs.confirmations.add(true);
            robot.clickOn("#applyRun");
            WizardFx.waitUntil("the apply succeeded", () -> window.applyStep().stateProperty().get() == ApplyStepViewModel.State.SUCCEEDED);
            assertTrue(dialogs.lastMessage.contains("taken over (--force)"), dialogs.lastMessage);
            var service = admin.services().inNamespace("istio-system").withName("istio-eastwestgateway").get();
            assertEquals("crossmesh", service.getMetadata().getLabels().get("app.kubernetes.io/managed-by"), service.getMetadata().toString());
            assertEquals("net", service.getMetadata().getLabels().get("team"), "labels crossmesh does not set stay");
            assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        }
    }

    /** Writes a plan of two clusters (east on demo-cluster-1, west on demo-cluster-2) and opens the wizard on it at 1024x700. */
    private Path openTwoClusterPlan(Path dir, DemoClusters demo, ScriptedDialogs dialogs) throws Exception {
        Path planFile = WizardFx.twoClusterPlan(dir, "demo-cluster-1", "demo-cluster-2");
        window = WizardFx.show(WizardFx.services(dir, dialogs, List.of(demo.kubeconfig()), text -> { }),
                new GuiRequest(planFile, false, demo.kubeconfig()), 1024, 700);
        return planFile;
    }

    private static void awaitReachable(FxRobot robot, int clusters) throws Exception {
        WizardFx.waitUntil("the plan's clusters are picked and reachable", () -> shownTexts(robot, ".table-cell").stream()
                .filter(t -> t.equals("Kubernetes v1.30.4")).count() == clusters);
    }

    private static void replaceText(FxRobot robot, String query, String text) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.clickOn(field);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text);
    }

    /** Texts of the visible labelled nodes matching a selector. */
    private static List<String> shownTexts(FxRobot robot, String selector) {
        return robot.lookup(selector).queryAll().stream().filter(Node::isVisible).filter(n -> n instanceof Labeled)
                .map(n -> ((Labeled) n).getText()).filter(t -> t != null).toList();
    }
}
