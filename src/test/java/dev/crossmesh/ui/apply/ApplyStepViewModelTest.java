package dev.crossmesh.ui.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.beans.property.SimpleObjectProperty;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.kube.CancelToken;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.ui.ScriptedDialogs;
import dev.crossmesh.ui.apply.ApplyService.ClusterOutcome;
import dev.crossmesh.ui.apply.ApplyService.Outcome;
import dev.crossmesh.ui.apply.ApplyService.Update;
import dev.crossmesh.ui.apply.ApplyService.Update.Status;
import dev.crossmesh.ui.apply.ApplyStepViewModel.State;
import dev.crossmesh.ui.core.ImmediateTaskExecutor;
import dev.crossmesh.ui.core.PlanModel;
import dev.crossmesh.ui.preview.Rendering;

/** The Apply step without a screen: an immediate executor and a scripted ApplyService, one test per state. */
class ApplyStepViewModelTest {
    private static final MeshPlan PLAN = MeshPlan.of("shop", List.of(new ClusterSpec("east", "ctx-east", "vpc-1"),
            new ClusterSpec("west", "ctx-west", "vpc-2")));

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final ScriptedApply service = new ScriptedApply();
    private PlanModel planModel;
    private SimpleObjectProperty<Rendering> rendering;
    private ApplyStepViewModel vm;
    private Map<String, ClusterCerts> certs;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        certs = CertStore.forPlan(PLAN, dir.resolve("certs"), KeyType.EC_P256);
        planModel = new PlanModel(PLAN);
        rendering = new SimpleObjectProperty<>(rendering(PLAN));
        vm = new ApplyStepViewModel(planModel, rendering, new SimpleObjectProperty<>(Kubeconfigs.of(List.of())), service,
                new ImmediateTaskExecutor(), dialogs);
        vm.entered();
    }

    @Test
    void idleTheDryRunComesFirst() {
        assertEquals(State.IDLE, vm.stateProperty().get());
        assertTrue(vm.canDryRunProperty().get());
        assertFalse(vm.canApplyProperty().get(), "no apply before a dry run passed");
        assertFalse(vm.dryRunPassedProperty().get());
        assertFalse(vm.validProperty().get());
        assertEquals("Start with a dry run (nothing changes), then apply; Live comes after a successful apply.", vm.blockerProperty().get());
        assertEquals(List.of("east", "west"), vm.clusterNames());
        assertEquals(List.of(new GatewayRow("east", "", "not applied yet"), new GatewayRow("west", "", "not applied yet")), vm.gateways());
        vm.apply();
        assertTrue(dialogs.asked.isEmpty(), "Apply does nothing before a dry run passed");
    }

    @Test
    void aDryRunThatPassesMakesApplyTheNextAction() {
        service.script(true, r -> {
            r.update(new Update("east", "Namespace istio-system", Status.STARTED, "checking (dry run)", "", "", 0, 4));
            r.update(new Update("east", "Namespace istio-system", Status.DONE, "would be created (dry run accepted by the API server)", "", "", 1, 4));
            r.update(new Update("east", ApplyService.GATEWAY_STEP, Status.INFO, "dry run: not waiting for a load-balancer address", "", "dry run: not waiting for a load-balancer address", 2, 4));
            r.update(new Update("west", "Namespace istio-system", Status.UNCHANGED, "unchanged", "", "", 3, 4));
        }, outcome(true, false, true, new ClusterOutcome("east", 5, 1, 0, 0, 0, 0), new ClusterOutcome("west", 3, 0, 3, 0, 0, 0)));
        vm.dryRun();

        assertTrue(service.requests.get(0).dryRun());
        assertSame(rendering.get(), service.requests.get(0).rendering(), "what the preview rendered is what is sent");
        assertEquals(State.DRY_RUN_PASSED, vm.stateProperty().get());
        assertTrue(vm.dryRunPassedProperty().get());
        assertTrue(vm.canApplyProperty().get());
        assertFalse(vm.validProperty().get(), "a dry run does not open Live");
        assertTrue(vm.headlineProperty().get().startsWith("Dry run passed in "), vm.headlineProperty().get());
        assertTrue(vm.headlineProperty().get().endsWith(": of the 26 steps, 9 would apply (8 create, 1 update), 3 unchanged, 14 other steps."
                + " Nothing was changed. Press Apply to apply them."), vm.headlineProperty().get());
        assertEquals(ApplyStepViewModel.MainAction.APPLY, vm.mainActionProperty().get());
        assertTrue(vm.summaryOfDryRunProperty().get(), "the summary says would apply");
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals("3 of 4 steps", vm.progressTextProperty().get());
        // a step's later event replaces its line; notes are lines of their own
        assertEquals(List.of(
                new ApplyLogEntry("east", "Namespace istio-system", Status.DONE, "would be created (dry run accepted by the API server)"),
                new ApplyLogEntry("east", ApplyService.GATEWAY_STEP, Status.INFO, "dry run: not waiting for a load-balancer address"),
                new ApplyLogEntry("west", "Namespace istio-system", Status.UNCHANGED, "unchanged")), vm.log());
        assertEquals("pending: dry run: not waiting for a load-balancer address", vm.gateways().get(0).text());
        assertEquals("dry run: an address comes with the apply", vm.gateways().get(1).text());

        vm.logFilterProperty().set("west");
        assertEquals(List.of("west"), vm.log().stream().map(ApplyLogEntry::cluster).distinct().toList());
        vm.logFilterProperty().set("");
        assertEquals(3, vm.log().size());
    }

    @Test
    void aDryRunThatFailsSaysWhatAndWhatToDo() {
        String problem = "west · Service istio-system/istio-eastwestgateway: cluster west: the API server at https://10.0.0.2 refused to create "
                + "Service istio-system/istio-eastwestgateway (403 Forbidden): the user of context ctx-west may not create services; ask for that right";
        service.script(true, r -> r.update(new Update("west", "Service istio-system/istio-eastwestgateway", Status.FAILED, problem, "", "", 1, 4)),
                new Outcome(false, false, true, List.of(new ClusterOutcome("east", 6, 0, 0, 0, 0, 0), new ClusterOutcome("west", 5, 0, 0, 1, 2, 0)),
                        Map.of(), List.of(problem)));
        vm.dryRun();

        assertEquals(State.DRY_RUN_FAILED, vm.stateProperty().get());
        assertFalse(vm.canApplyProperty().get());
        assertTrue(vm.canDryRunProperty().get(), "the dry run can run again after a fix");
        assertEquals(List.of(problem), vm.problems());
        assertEquals("The dry run found 1 step that would fail; nothing was changed. Fix what the messages say, then run the dry run again.",
                vm.headlineProperty().get());
        assertEquals(Status.FAILED, vm.log().get(0).status());
    }

    @Test
    void applyingAsksWithTheDryRunsFindingsThenRunsOffTheUiThreadAndLocksTheButtons() {
        passDryRun();
        List<String> during = new ArrayList<>();
        service.script(false, r -> {
            during.add(vm.stateProperty().get() + " running=" + vm.runningProperty().get() + " canApply=" + vm.canApplyProperty().get()
                    + " canDryRun=" + vm.canDryRunProperty().get() + " progress=" + vm.progressProperty().get());
            during.add(vm.blockerProperty().get());
            r.update(new Update("east", ApplyService.GATEWAY_STEP, Status.WAITING, "waiting up to 120 s", "", "", 5, 10));
            during.add(vm.gateways().get(0).text());
            r.update(new Update("east", ApplyService.GATEWAY_STEP, Status.DONE, "127.0.0.2 (after 1 s)", "127.0.0.2", "", 6, 10));
        }, outcome(true, false, false, new ClusterOutcome("east", 9, 0, 0, 0, 0, 0), new ClusterOutcome("west", 9, 0, 0, 0, 0, 0)));
        dialogs.confirmations.add(true);
        vm.apply();

        assertEquals(List.of("confirm: Apply shop to 2 clusters?"), dialogs.asked);
        assertEquals("26 steps: 12 objects, 2 control planes, 2 remote secrets, 8 remote-secret reader objects, 2 gateway-address waits",
                vm.countProperty().get().describe());
        assertEquals("This changes the clusters east, west: " + vm.countProperty().get().describe() + ".\n\nThe dry run found 17 to create, 1 to update and 0 unchanged"
                + "\n  east: 8 to create, 1 to update, 0 unchanged\n  west: 9 to create, 0 to update, 0 unchanged.\n\nYou can cancel between steps.",
                dialogs.lastMessage);
        assertEquals(List.of("APPLYING running=true canApply=false canDryRun=false progress=-1.0", "Applying…",
                "pending: waiting for the load balancer to give an address"), during);
        assertFalse(service.requests.get(1).dryRun());
        assertEquals(State.SUCCEEDED, vm.stateProperty().get());
    }

    @Test
    void aSucceededApplyShowsTheAddressesAndTheAccountAndOpensLive() {
        passDryRun();
        service.script(false, r -> r.update(new Update("east", ApplyService.GATEWAY_STEP, Status.DONE, "127.0.0.2 (after 1 s)", "127.0.0.2", "", 9, 20)),
                new Outcome(true, false, false, List.of(new ClusterOutcome("east", 9, 0, 0, 0, 0, 0), new ClusterOutcome("west", 8, 1, 1, 0, 0, 0)),
                        Map.of("east", "127.0.0.2", "west", "127.0.0.3"), List.of()));
        dialogs.confirmations.add(true);
        vm.apply();

        assertEquals(State.SUCCEEDED, vm.stateProperty().get());
        assertTrue(vm.validProperty().get(), "Next opens the Live step");
        assertEquals("", vm.blockerProperty().get());
        assertEquals(List.of(new GatewayRow("east", "127.0.0.2", ""), new GatewayRow("west", "127.0.0.3", "")), vm.gateways());
        assertEquals(2, vm.summary().size());
        assertEquals(9, vm.summary().get(1).applied());
        assertTrue(vm.headlineProperty().get().startsWith("Applied to 2 clusters in "), vm.headlineProperty().get());
        assertTrue(vm.headlineProperty().get().endsWith(": of the 26 steps, 18 applied, 1 unchanged, 0 failed, 0 not attempted, 7 other steps."
                + " Next shows the mesh live."), vm.headlineProperty().get());
        assertFalse(vm.summaryOfDryRunProperty().get());
        assertEquals(ApplyStepViewModel.MainAction.NEXT, vm.mainActionProperty().get(), "Next is the main action, not Apply again");
        assertFalse(vm.canApplyProperty().get(), "a re-apply asks for a fresh dry run");
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals("Apply", vm.applyLabelProperty().get());
    }

    @Test
    void liveClosesAgainWhenALaterApplyFails() {
        passDryRun();
        service.script(false, r -> { }, outcome(true, false, false, new ClusterOutcome("east", 9, 0, 0, 0, 0, 0),
                new ClusterOutcome("west", 9, 0, 0, 0, 0, 0)));
        dialogs.confirmations.add(true);
        vm.apply();
        assertTrue(vm.validProperty().get());
        assertFalse(vm.canApplyProperty().get(), "a re-apply asks for a fresh dry run");

        passDryRun();
        service.script(false, r -> { }, new Outcome(false, false, false, List.of(new ClusterOutcome("east", 0, 0, 9, 0, 0, 0),
                new ClusterOutcome("west", 0, 0, 0, 1, 8, 0)), Map.of(), List.of("west · Namespace istio-system: did not answer")));
        dialogs.confirmations.add(true);
        vm.apply();
        assertEquals(State.FAILED, vm.stateProperty().get());
        assertFalse(vm.validProperty().get(), "the mesh is not what the plan says until Run again succeeds");
    }

    @Test
    void aReApplyAsksWithTheFreshDryRunsCountsAndSaysWhenNothingChanges() {
        passDryRun();
        service.script(false, r -> { }, outcome(true, false, false, new ClusterOutcome("east", 9, 0, 0, 0, 0, 0),
                new ClusterOutcome("west", 9, 0, 0, 0, 0, 0)));
        dialogs.confirmations.add(true);
        vm.apply();
        assertEquals(State.SUCCEEDED, vm.stateProperty().get());

        service.script(true, r -> { }, outcome(true, false, true, new ClusterOutcome("east", 0, 0, 12, 0, 0, 0),
                new ClusterOutcome("west", 0, 0, 12, 0, 0, 0)));
        vm.dryRun();
        assertTrue(vm.headlineProperty().get().endsWith(": of the 26 steps, 0 would apply (0 create, 0 update), 24 unchanged, 2 gateway-address waits."
                + " Nothing was changed. Nothing to apply: the clusters are as the plan says."), vm.headlineProperty().get());
        service.script(false, r -> { }, outcome(true, false, false, new ClusterOutcome("east", 0, 0, 12, 0, 0, 0),
                new ClusterOutcome("west", 0, 0, 12, 0, 0, 0)));
        dialogs.confirmations.add(true);
        vm.apply();
        assertTrue(dialogs.lastMessage.startsWith("The dry run found nothing to change: applying again leaves the clusters east, west as they are"
                + " (24 of the 26 steps unchanged)."), dialogs.lastMessage);
        assertFalse(dialogs.lastMessage.contains("This changes the clusters"), dialogs.lastMessage);
        assertFalse(dialogs.lastMessage.contains("17 to create"), "not the counts of the dry run before the first apply");
    }

    @Test
    void declinedConfirmationChangesNothing() {
        passDryRun();
        dialogs.confirmations.add(false);
        vm.apply();
        assertEquals(1, service.requests.size(), "only the dry run ran");
        assertEquals(State.DRY_RUN_PASSED, vm.stateProperty().get());
    }

    @Test
    void cancelStopsBetweenStepsAndRunAgainAppliesTheRest() {
        passDryRun();
        service.script(false, r -> {
            r.update(new Update("east", "Namespace istio-system", Status.DONE, "created", "", "", 1, 20));
            vm.cancel();
            assertTrue(vm.cancellingProperty().get());
            assertEquals("Cancelling: stopping after the step in progress…", vm.headlineProperty().get());
            r.update(new Update("east", "Secret istio-system/cacerts", Status.SKIPPED, "not attempted: cancelled before this step", "", "", 2, 20));
        }, new Outcome(false, true, false, List.of(new ClusterOutcome("east", 1, 0, 0, 0, 8, 0), new ClusterOutcome("west", 2, 0, 0, 0, 7, 0)),
                Map.of(), List.of()));
        dialogs.confirmations.add(true);
        vm.apply();

        assertTrue(service.tokens.get(1).isCancelled(), "Cancel reaches the engine's token");
        assertEquals(State.CANCELLED, vm.stateProperty().get());
        assertFalse(vm.cancellingProperty().get());
        assertFalse(vm.validProperty().get());
        assertTrue(vm.headlineProperty().get().contains(": of the 26 steps, 3 applied, 0 unchanged, 0 failed, 15 not attempted, 8 other steps. The summary says what was applied "
                + "and what was not; press Run again to apply the rest."), vm.headlineProperty().get());
        assertEquals("Run again", vm.applyLabelProperty().get());
        assertEquals("The apply was cancelled: press Run again to apply the rest.", vm.blockerProperty().get());
        assertEquals("pending: the apply stopped before the gateway (see the log)", vm.gateways().get(0).text());

        service.script(false, r -> { }, outcome(true, false, false, new ClusterOutcome("east", 8, 0, 1, 0, 0, 0),
                new ClusterOutcome("west", 7, 0, 2, 0, 0, 0)));
        dialogs.confirmations.add(true);
        vm.apply();
        assertTrue(dialogs.lastMessage.contains("Steps applied before are left as they are; the rest is applied."), dialogs.lastMessage);
        assertFalse(service.requests.get(2).dryRun(), "Run again needs no new dry run for the same plan");
        assertEquals(State.SUCCEEDED, vm.stateProperty().get());
        assertTrue(vm.validProperty().get());
    }

    @Test
    void aFailedApplyShowsTheEnginesMessagesAndRunsAgainAfterAFix() {
        passDryRun();
        String problem = "west · Secret istio-system/cacerts: cluster west: cannot reach the API server at https://127.0.0.1:40000 (connection refused):"
                + " check that the cluster runs and that this machine reaches it (VPN, firewall), then run apply again";
        service.script(false, r -> r.update(new Update("west", "Secret istio-system/cacerts", Status.FAILED, problem, "", "", 3, 20)),
                new Outcome(false, false, false, List.of(new ClusterOutcome("east", 9, 0, 0, 0, 0, 0), new ClusterOutcome("west", 1, 0, 0, 1, 8, 0)),
                        Map.of("east", "127.0.0.2"), List.of(problem)));
        dialogs.confirmations.add(true);
        vm.apply();

        assertEquals(State.FAILED, vm.stateProperty().get());
        assertEquals(List.of(problem), vm.problems());
        assertEquals("The apply did not finish: of the 26 steps, 10 applied, 0 unchanged, 1 failed, 8 not attempted, 7 other steps. Fix what the messages say, then press "
                + "Run again to apply the rest.", vm.headlineProperty().get());
        assertEquals("127.0.0.2", vm.gateways().get(0).text());
        assertEquals("pending: the apply stopped before the gateway (see the log)", vm.gateways().get(1).text());
        assertFalse(vm.validProperty().get());
        assertEquals("Run again", vm.applyLabelProperty().get());
        assertTrue(vm.canApplyProperty().get());

        service.script(false, r -> { }, outcome(true, false, false, new ClusterOutcome("east", 0, 0, 9, 0, 0, 0),
                new ClusterOutcome("west", 8, 0, 1, 0, 0, 0)));
        dialogs.confirmations.add(true);
        vm.apply();
        assertEquals(State.SUCCEEDED, vm.stateProperty().get());
        assertTrue(vm.problems().isEmpty());
        assertTrue(vm.validProperty().get());
    }

    @Test
    void whatTheServiceThrowsIsShownInWordsNeverAsAStackTrace() {
        service.failure = new IllegalStateException("the manifests of east are no longer those of the preview; go back to the Preview, "
                + "look at them again, then apply\n\tat dev.crossmesh.Somewhere(Somewhere.java:1)");
        vm.dryRun();
        assertEquals(State.DRY_RUN_FAILED, vm.stateProperty().get());
        assertEquals(List.of("the manifests of east are no longer those of the preview; go back to the Preview, look at them again, then apply"),
                vm.problems());
        assertFalse(vm.headlineProperty().get().contains("at dev.crossmesh"));
        assertFalse(vm.runningProperty().get());
    }

    @Test
    void aPlanChangeAfterAnApplySaysSoAndKeepsLiveOnTheAppliedMesh() {
        passDryRun();
        service.script(false, r -> r.update(new Update("east", ApplyService.GATEWAY_STEP, Status.DONE, "127.0.0.2", "127.0.0.2", "", 9, 20)),
                new Outcome(true, false, false, List.of(new ClusterOutcome("east", 9, 0, 0, 0, 0, 0), new ClusterOutcome("west", 9, 0, 0, 0, 0, 0)),
                        Map.of("east", "127.0.0.2", "west", "127.0.0.3"), List.of()));
        dialogs.confirmations.add(true);
        vm.apply();
        assertTrue(vm.validProperty().get());
        String applied = vm.headlineProperty().get();
        int logLines = vm.log().size();

        planModel.update(p -> p.withMeshId("shop2"));
        assertTrue(vm.validProperty().get(), "Live shows the mesh as applied");
        assertFalse(vm.canApplyProperty().get());
        assertFalse(vm.canDryRunProperty().get(), "the Preview first");
        assertTrue(vm.headlineProperty().get().contains("the plan differs from what is applied"), vm.headlineProperty().get());
        assertTrue(vm.headlineProperty().get().contains("Look at the Preview"), vm.headlineProperty().get());

        rendering.set(rendering(planModel.plan()));
        assertEquals(State.IDLE, vm.stateProperty().get());
        assertFalse(vm.dryRunPassedProperty().get());
        assertTrue(vm.canDryRunProperty().get());
        assertTrue(vm.validProperty().get());
        assertTrue(vm.headlineProperty().get().contains("the plan differs from what is applied"), vm.headlineProperty().get());
        assertEquals(logLines, vm.log().size(), "the applied mesh's log stays until the next run");
        assertEquals(List.of(new GatewayRow("east", "127.0.0.2", ""), new GatewayRow("west", "127.0.0.3", "")), vm.gateways());

        // undone: a new rendering with the same bytes as applied
        planModel.update(p -> p.withMeshId("shop"));
        rendering.set(rendering(planModel.plan()));
        assertEquals(State.SUCCEEDED, vm.stateProperty().get());
        assertEquals(applied, vm.headlineProperty().get());
        assertEquals(logLines, vm.log().size());
        assertTrue(vm.validProperty().get());
        assertFalse(vm.canApplyProperty().get(), "a re-apply asks for a fresh dry run");
        assertEquals(ApplyStepViewModel.MainAction.NEXT, vm.mainActionProperty().get());
    }

    @Test
    void aNewRenderingNeedsANewDryRunAndTheSameBytesDoNot() {
        passDryRun();
        rendering.set(rendering(planModel.plan()));
        assertEquals(State.DRY_RUN_PASSED, vm.stateProperty().get(), "rendered again, the same bytes");
        assertTrue(vm.canApplyProperty().get());

        planModel.update(p -> p.withMeshId("shop2"));
        rendering.set(rendering(planModel.plan()));
        assertEquals(State.IDLE, vm.stateProperty().get());
        assertTrue(vm.log().isEmpty());
        assertTrue(vm.summary().isEmpty());
        assertFalse(vm.dryRunPassedProperty().get());
        assertFalse(vm.validProperty().get(), "nothing applied yet");
        assertTrue(vm.canDryRunProperty().get());

        planModel.update(p -> p.withMeshId("shop"));
        rendering.set(rendering(planModel.plan()));
        assertEquals(State.DRY_RUN_PASSED, vm.stateProperty().get(), "back to the bytes the dry run passed for");
        assertTrue(vm.canApplyProperty().get());
    }

    @Test
    void withoutAnEngineTheStepSaysSo() {
        ApplyStepViewModel none = new ApplyStepViewModel(planModel, rendering, new SimpleObjectProperty<>(Kubeconfigs.of(List.of())),
                ApplyService.notAvailable(), new ImmediateTaskExecutor(), dialogs);
        assertFalse(none.available());
        assertFalse(none.canDryRunProperty().get());
        assertEquals("This build has no apply engine: export the manifests in the Preview step and run apply.sh.", none.blockerProperty().get());
    }

    @Test
    void takingOverExistingObjectsGoesWithTheRunAndAsksForANewDryRun() {
        passDryRun();
        assertFalse(service.requests.get(0).takeOver(), "left alone unless the user says otherwise");
        vm.takeOverProperty().set(true);
        assertEquals(State.IDLE, vm.stateProperty().get());
        assertFalse(vm.canApplyProperty().get(), "the dry run was of the other choice");
        assertTrue(vm.headlineProperty().get().startsWith("Objects crossmesh did not create will be taken over"), vm.headlineProperty().get());

        passDryRun();
        assertTrue(service.requests.get(1).takeOver());
        service.script(false, r -> { }, outcome(true, false, false, new ClusterOutcome("east", 8, 1, 0, 0, 0, 0),
                new ClusterOutcome("west", 9, 0, 0, 0, 0, 0)));
        dialogs.confirmations.add(true);
        vm.apply();
        assertTrue(service.requests.get(2).takeOver());
        assertTrue(dialogs.lastMessage.contains("taken over (--force)"), dialogs.lastMessage);
        assertEquals(State.SUCCEEDED, vm.stateProperty().get());
    }

    @Test
    void theControlPlaneChoiceGoesWithTheRunAndAsksForANewDryRun() {
        passDryRun();
        assertEquals(dev.crossmesh.kube.ControlPlaneMode.AUTO, service.requests.get(0).controlPlane(), "automatic unless the user says otherwise");
        vm.controlPlaneProperty().set(dev.crossmesh.kube.ControlPlaneMode.HELM);
        assertEquals(State.IDLE, vm.stateProperty().get());
        assertFalse(vm.canApplyProperty().get(), "the dry run was of the other choice");
        assertEquals("The control plane will be installed with Istio's Helm charts (base, istiod, gateway): run the dry run again to see what"
                + " that does.", vm.headlineProperty().get());

        passDryRun();
        assertEquals(dev.crossmesh.kube.ControlPlaneMode.HELM, service.requests.get(1).controlPlane());
        service.script(false, r -> { }, outcome(true, false, false, new ClusterOutcome("east", 8, 1, 0, 0, 0, 0),
                new ClusterOutcome("west", 9, 0, 0, 0, 0, 0)));
        dialogs.confirmations.add(true);
        vm.apply();
        assertEquals(dev.crossmesh.kube.ControlPlaneMode.HELM, service.requests.get(2).controlPlane());
        assertTrue(dialogs.lastMessage.contains("The control plane is installed with Istio's Helm charts (base, istiod, gateway)."), dialogs.lastMessage);
        assertEquals("Control plane: Helm charts", ApplyStepViewModel.choiceLabel(dev.crossmesh.kube.ControlPlaneMode.HELM));
    }

    private void passDryRun() {
        service.script(true, r -> { }, outcome(true, false, true, new ClusterOutcome("east", 8, 1, 0, 0, 0, 0),
                new ClusterOutcome("west", 9, 0, 0, 0, 0, 0)));
        vm.dryRun();
        assertEquals(State.DRY_RUN_PASSED, vm.stateProperty().get());
    }

    private Rendering rendering(MeshPlan plan) {
        return new Rendering(plan, certs, ManifestRenderer.render(plan, certs));
    }

    private static Outcome outcome(boolean succeeded, boolean cancelled, boolean dryRun, ClusterOutcome... clusters) {
        return new Outcome(succeeded, cancelled, dryRun, List.of(clusters), Map.of(), List.of());
    }

    /** Plays one scripted run per call: its updates, then its outcome. */
    private static final class ScriptedApply implements ApplyService {
        final List<Request> requests = new ArrayList<>();
        final List<CancelToken> tokens = new ArrayList<>();
        private Consumer<Listener> updates = l -> { };
        private Outcome outcome;
        private boolean expectDryRun;
        RuntimeException failure;

        void script(boolean dryRun, Consumer<Listener> run, Outcome result) {
            expectDryRun = dryRun;
            updates = run;
            outcome = result;
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public Outcome apply(Request request, Listener listener, CancelToken cancel) {
            requests.add(request);
            tokens.add(cancel);
            if (failure != null) {
                throw failure;
            }
            assertEquals(expectDryRun, request.dryRun(), "a dry run or an apply as scripted");
            updates.accept(listener);
            return outcome;
        }
    }
}
