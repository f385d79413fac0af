package dev.crossmesh.ui.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.kube.ProbeResult;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanValidator;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.Topology;
import dev.crossmesh.ui.ScriptedDialogs;
import dev.crossmesh.ui.clusters.ClustersStepViewModel;
import dev.crossmesh.ui.clusters.FileWatcher;
import dev.crossmesh.ui.core.ImmediateTaskExecutor;
import dev.crossmesh.ui.core.PlanModel;

class NetworksStepViewModelTest {
    private PlanModel plan;
    private ClustersStepViewModel clusters;
    private NetworksStepViewModel vm;

    @BeforeEach
    void pickTwo(@TempDir Path dir) throws Exception {
        plan = new PlanModel();
        Path kubeconfig = dev.crossmesh.ui.clusters.ClustersStepViewModelTestSupport.kubeconfig(dir, "ctx-a", "ctx-b", "ctx-c");
        clusters = new ClustersStepViewModel(plan, new ImmediateTaskExecutor(), new ScriptedDialogs(),
                (k, c) -> ProbeResult.reachable(c, "https://" + c, "v1.30.4", c.equals("ctx-a") ? "europe-west1" : ""),
                count -> { throw new AssertionError(); }, FileWatcher.none(), List.of(kubeconfig));
        vm = new NetworksStepViewModel(plan, clusters);
        clusters.setPicked(clusters.row("ctx-a").orElseThrow(), true);
        clusters.setPicked(clusters.row("ctx-b").orElseThrow(), true);
    }

    @Test
    void aCardPerPickedClusterPrefilledAndValid() {
        assertEquals(2, vm.cards().size());
        ClusterCardViewModel a = vm.cards().get(0);
        assertEquals("ctx-a", a.nameProperty().get());
        assertEquals("network-1", a.networkProperty().get());
        assertEquals("europe-west1", a.regionProperty().get());
        assertEquals("From the nodes' region label.", a.regionHintProperty().get());
        assertEquals("The cluster's nodes carry no region label; type one if you like.", vm.cards().get(1).regionHintProperty().get());
        assertTrue(vm.validProperty().get());
        assertEquals("", vm.blockerProperty().get());
    }

    @Test
    void invalidNetworkShowsTheValidatorsMessageAndBlocksNext() {
        ClusterCardViewModel b = vm.cards().get(1);
        b.networkProperty().set("Net_2");
        Finding expected = PlanValidator.validate(plan.plan()).stream().filter(f -> f.path().equals("clusters[1].network")).findFirst().orElseThrow();
        assertEquals(expected, b.networkProblemProperty().get());
        assertEquals("Cluster 'ctx-b' network 'Net_2' has upper-case letters; use lower case; may only hold lower-case letters, digits and '-': name the cluster's VPC or L3 network with a DNS-1123 label "
                + "such as 'vpc-1'; clusters that reach each other's pods directly share one", b.networkProblemProperty().get().message());
        assertFalse(vm.validProperty().get());
        assertEquals("Fix the fields marked in red for Cluster 2 (ctx-b) to continue.", vm.blockerProperty().get());

        b.networkProperty().set("net-2");
        assertNull(b.networkProblemProperty().get());
        assertEquals("net-2", plan.plan().clusters().get(1).network());
        assertTrue(vm.validProperty().get());
    }

    @Test
    void everyClusterFieldShowsItsFinding() {
        ClusterCardViewModel a = vm.cards().get(0);
        ClusterCardViewModel b = vm.cards().get(1);
        a.nameProperty().set("");
        assertEquals("CM007", a.nameProblemProperty().get().code());
        a.nameProperty().set("same");
        b.nameProperty().set("same");
        assertEquals("CM008", b.nameProblemProperty().get().code());
        b.nameProperty().set("other");
        a.regionProperty().set("not a region!");
        assertEquals("CM021", a.regionProblemProperty().get().code());
        a.regionProperty().set("");
        a.apiServerProperty().set("http://10.0.0.1");
        assertEquals("CM016", a.apiServerProblemProperty().get().code());
        a.apiServerProperty().set("https://127.0.0.1:6443");
        assertEquals("CM017", a.apiServerProblemProperty().get().code());
        assertTrue(vm.validProperty().get(), "a warning does not block Next");
        a.apiServerProperty().set("");
        a.networkProperty().set("");
        assertEquals("CM009", a.networkProblemProperty().get().code());
        a.networkProperty().set("shared");
        b.networkProperty().set("shared");
        assertEquals(List.of("CM012"), vm.meshFindings().stream().map(Finding::code).toList(), "one network for all is a warning for the step");
        assertTrue(vm.validProperty().get());
    }

    @Test
    void rolesShowForPrimaryRemoteAndAMeshWithoutPrimaryIsBlocked() {
        assertFalse(vm.showRolesProperty().get());
        plan.update(p -> p.withTopology(Topology.PRIMARY_REMOTE));
        assertTrue(vm.showRolesProperty().get());
        vm.cards().get(0).roleProperty().set(Role.REMOTE);
        vm.cards().get(1).roleProperty().set(Role.REMOTE);
        assertEquals(List.of("CM013"), vm.meshFindings().stream().map(Finding::code).toList());
        assertFalse(vm.validProperty().get());
        assertTrue(vm.blockerProperty().get().startsWith("A primary-remote mesh needs at least one cluster with role 'primary'"));
        vm.cards().get(0).roleProperty().set(Role.PRIMARY);
        assertTrue(vm.validProperty().get());
    }

    @Test
    void anOpenedPlanShowsContextAndRoleFindingsOnItsCards() {
        plan.replace(MeshPlan.of("m", List.of(new ClusterSpec("a", "ctx-a", "n1"), new ClusterSpec("b", "ctx-a", "n2"),
                new ClusterSpec("c", "", "n3").withRole(Role.REMOTE))));
        assertEquals(3, vm.cards().size());
        assertEquals("CM011", vm.cards().get(1).contextProblemProperty().get().code());
        assertEquals("CM010", vm.cards().get(2).contextProblemProperty().get().code());
        assertEquals("CM014", vm.cards().get(2).roleProblemProperty().get().code());
        assertFalse(vm.validProperty().get());
    }

    @Test
    void oneClusterIsTooFew() {
        clusters.setPicked(clusters.row("ctx-b").orElseThrow(), false);
        assertEquals(List.of("CM006"), vm.meshFindings().stream().map(Finding::code).toList());
        assertFalse(vm.validProperty().get());
    }

    @Test
    void cardsFollowPickingAndKeepEdits() {
        vm.cards().get(0).networkProperty().set("vpc-a");
        clusters.setPicked(clusters.row("ctx-c").orElseThrow(), true);
        assertEquals(3, vm.cards().size());
        assertEquals("vpc-a", vm.cards().get(0).networkProperty().get());
        clusters.setPicked(clusters.row("ctx-a").orElseThrow(), false);
        assertEquals(List.of("ctx-b", "ctx-c"), vm.cards().stream().map(ClusterCardViewModel::context).toList());
    }
}
