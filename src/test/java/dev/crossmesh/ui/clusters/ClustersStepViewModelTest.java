package dev.crossmesh.ui.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.kube.ProbeResult;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.ui.ScriptedDialogs;
import dev.crossmesh.ui.core.ImmediateTaskExecutor;
import dev.crossmesh.ui.core.PlanModel;

class ClustersStepViewModelTest {
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final List<String> probed = new ArrayList<>();
    private final ClusterChecker checker = (kubeconfigs, context) -> {
        probed.add(context);
        return context.contains("down") ? ProbeResult.unreachable(context, "https://down", "cannot connect to https://down (connection refused): is the cluster running, and the VPN or tunnel up?")
                : ProbeResult.reachable(context, "https://" + context, "v1.30.4", context.equals("gke_p_europe-west1-b_shop") ? "europe-west1" : "");
    };

    @Test
    void nextNeedsTwoPickedContexts(@TempDir Path dir) throws Exception {
        PlanModel plan = new PlanModel();
        ClustersStepViewModel vm = vm(plan, kubeconfig(dir, "one", "two", "three"));
        assertEquals(List.of("one", "two", "three"), vm.rows().stream().map(ContextRow::name).toList());
        assertFalse(vm.validProperty().get());
        assertEquals("Pick at least two contexts: a mesh across networks joins two or more clusters (0 picked).", vm.blockerProperty().get());

        vm.setPicked(vm.row("one").orElseThrow(), true);
        assertFalse(vm.validProperty().get());
        vm.setPicked(vm.row("three").orElseThrow(), true);
        assertTrue(vm.validProperty().get());
        assertEquals("", vm.blockerProperty().get());
        vm.setPicked(vm.row("one").orElseThrow(), false);
        assertFalse(vm.validProperty().get());
    }

    @Test
    void pickingAddsAPrefilledClusterAndChecksIt(@TempDir Path dir) throws Exception {
        PlanModel plan = new PlanModel();
        ClustersStepViewModel vm = vm(plan, kubeconfig(dir, "gke_p_europe-west1-b_shop", "Kind_Dev", "down-cluster"));
        vm.setPicked(vm.row("gke_p_europe-west1-b_shop").orElseThrow(), true);
        vm.setPicked(vm.row("Kind_Dev").orElseThrow(), true);
        vm.setPicked(vm.row("down-cluster").orElseThrow(), true);

        assertEquals(List.of(
                new ClusterSpec("shop", "gke_p_europe-west1-b_shop", "network-1", "europe-west1", dev.crossmesh.plan.Role.PRIMARY, ""),
                new ClusterSpec("kind-dev", "Kind_Dev", "network-2", "", dev.crossmesh.plan.Role.PRIMARY, ""),
                new ClusterSpec("down-cluster", "down-cluster", "network-3", "", dev.crossmesh.plan.Role.PRIMARY, "")),
                plan.plan().clusters());
        assertEquals(List.of("gke_p_europe-west1-b_shop", "Kind_Dev", "down-cluster"), probed);
        assertEquals("Kubernetes v1.30.4", vm.row("Kind_Dev").orElseThrow().reachability().summary());
        assertEquals(Reachability.State.UNREACHABLE, vm.row("down-cluster").orElseThrow().reachability().state());
        assertTrue(vm.summaryProperty().get().contains("2 reachable, 1 not reachable"), vm.summaryProperty().get());
        assertTrue(plan.findings().isEmpty(), "a picked set of clusters is a valid plan: " + plan.findings());
    }

    @Test
    void unpickingKeepsTheOtherClustersEdits(@TempDir Path dir) throws Exception {
        PlanModel plan = new PlanModel();
        ClustersStepViewModel vm = vm(plan, kubeconfig(dir, "a", "b", "c"));
        vm.setPicked(vm.row("a").orElseThrow(), true);
        vm.setPicked(vm.row("b").orElseThrow(), true);
        plan.update(p -> p.withClusters(List.of(p.clusters().get(0), p.clusters().get(1).withNetwork("vpc-b"))));
        vm.setPicked(vm.row("a").orElseThrow(), false);
        vm.setPicked(vm.row("c").orElseThrow(), true);
        assertEquals(List.of("b", "c"), plan.plan().clusters().stream().map(ClusterSpec::name).toList());
        assertEquals("vpc-b", plan.plan().clusters().get(0).network());
        assertEquals("network-1", plan.plan().clusters().get(1).network(), "the first free network-N");
    }

    @Test
    void anOpenedPlanPicksItsContextsAndMarksUnknownOnes(@TempDir Path dir) throws Exception {
        PlanModel plan = new PlanModel();
        ClustersStepViewModel vm = vm(plan, kubeconfig(dir, "a", "b"));
        plan.replace(MeshPlan.of("m", List.of(new ClusterSpec("a", "a", "n1"), new ClusterSpec("gone", "gone", "n2"))));
        assertTrue(vm.row("a").orElseThrow().isPicked());
        ContextRow gone = vm.row("gone").orElseThrow();
        assertTrue(gone.isPicked());
        assertTrue(gone.isMissing());
        assertEquals(Reachability.State.NOT_IN_KUBECONFIG, gone.reachability().state());
        assertFalse(probed.contains("gone"), "a context no kubeconfig defines is not probed");
        assertEquals(2, vm.pickedCountProperty().get());
        assertEquals("", plan.plan().clusters().get(0).region(), "an opened plan is not changed by probing");
    }

    @Test
    void aChangedKubeconfigIsReadAgainAndKeepsRows(@TempDir Path dir) throws Exception {
        PlanModel plan = new PlanModel();
        Path file = kubeconfig(dir, "a", "b");
        ClustersStepViewModel vm = vm(plan, file);
        ContextRow a = vm.row("a").orElseThrow();
        vm.setPicked(a, true);
        kubeconfig(dir, "a", "b", "c");
        vm.refresh();
        assertEquals(List.of("a", "b", "c"), vm.rows().stream().map(ContextRow::name).toList());
        assertTrue(a == vm.row("a").orElseThrow(), "rows live as long as their context");
        kubeconfig(dir, "b");
        vm.refresh();
        assertEquals(List.of("b", "a"), vm.rows().stream().map(ContextRow::name).toList(), "a picked context that disappeared stays, marked");
        assertTrue(a.isMissing());
    }

    @Test
    void checkAgainAsksEveryPickedClusterOnceMore(@TempDir Path dir) throws Exception {
        ClustersStepViewModel vm = vm(new PlanModel(), kubeconfig(dir, "a", "b", "c"));
        vm.setPicked(vm.row("a").orElseThrow(), true);
        vm.setPicked(vm.row("c").orElseThrow(), true);
        probed.clear();
        vm.checkAgain();
        assertEquals(List.of("a", "c"), probed);
    }

    @Test
    void unreadableKubeconfigIsAProblemInWords(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, "clusters: [unclosed");
        ClustersStepViewModel vm = vm(new PlanModel(), file);
        assertTrue(vm.loadProblemProperty().get().startsWith("cannot read kubeconfig " + file), vm.loadProblemProperty().get());
        assertTrue(vm.rows().isEmpty());
    }

    @Test
    void openKubeconfigAddsAFile(@TempDir Path dir) throws Exception {
        Path first = kubeconfig(dir.resolve("one"), "a");
        Path second = kubeconfig(dir.resolve("two"), "b");
        ClustersStepViewModel vm = vm(new PlanModel(), first);
        dialogs.files.add(Optional.of(second));
        vm.openKubeconfig();
        assertEquals(List.of(first, second), vm.sources());
        assertEquals(List.of("a", "b"), vm.rows().stream().map(ContextRow::name).toList());
    }

    @Test
    void demoClustersStartListAndStop(@TempDir Path dir) throws Exception {
        List<String> events = new ArrayList<>();
        Path demoConfig = dir.resolve("demo");
        DemoLauncher launcher = count -> {
            events.add("start " + count);
            Path file = kubeconfig(demoConfig, "demo-cluster-1", "demo-cluster-2");
            return new DemoLauncher.Running() {
                @Override
                public Path kubeconfig() {
                    return file;
                }

                @Override
                public List<String> contexts() {
                    return List.of("demo-cluster-1", "demo-cluster-2");
                }

                @Override
                public void close() {
                    events.add("stop");
                }
            };
        };
        ClustersStepViewModel vm = new ClustersStepViewModel(new PlanModel(), new ImmediateTaskExecutor(), dialogs, checker, launcher,
                FileWatcher.none(), List.of(dir.resolve("none")));
        dialogs.numbers.add(Optional.of(2));
        vm.startDemo();
        assertEquals(List.of("start 2"), events);
        assertTrue(vm.demoRunningProperty().get());
        assertEquals(List.of("demo-cluster-1", "demo-cluster-2"), vm.rows().stream().map(ContextRow::name).toList());
        assertTrue(vm.messageProperty().get().startsWith("Started 2 demo clusters: demo-cluster-1, demo-cluster-2. They are picked"));
        assertTrue(vm.rows().stream().allMatch(ContextRow::isPicked), "demo clusters just started are picked");

        vm.setPicked(vm.row("demo-cluster-2").orElseThrow(), false);
        vm.stopDemo();
        assertEquals(List.of("start 2", "stop"), events);
        assertFalse(vm.demoRunningProperty().get());
        assertEquals(List.of(dir.resolve("none")), vm.sources(), "the demo kubeconfig is no longer read");
        assertTrue(vm.row("demo-cluster-1").orElseThrow().isMissing(), "a picked demo context stays, marked");

        dialogs.numbers.add(Optional.of(3));
        vm.startDemo();
        vm.close();
        assertEquals(List.of("start 2", "stop", "start 3", "stop"), events, "demo clusters stop when the wizard closes");
    }

    @Test
    void cancelledDemoDialogStartsNothing(@TempDir Path dir) throws Exception {
        ClustersStepViewModel vm = new ClustersStepViewModel(new PlanModel(), new ImmediateTaskExecutor(), dialogs, checker,
                count -> { throw new AssertionError("must not start"); }, FileWatcher.none(), List.of(dir.resolve("none")));
        dialogs.numbers.add(Optional.empty());
        vm.startDemo();
        assertFalse(vm.demoRunningProperty().get());
    }

    private ClustersStepViewModel vm(PlanModel plan, Path kubeconfig) {
        return new ClustersStepViewModel(plan, new ImmediateTaskExecutor(), dialogs, checker, count -> { throw new AssertionError(); },
                FileWatcher.none(), List.of(kubeconfig));
    }

    /** A kubeconfig with one context per name, each on its own cluster. */
    static Path kubeconfig(Path dir, String... contexts) throws java.io.IOException {
        Files.createDirectories(dir);
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        for (String c : contexts) {
            y.append("- name: ").append(c).append("\n  cluster:\n    server: https://").append(c.toLowerCase().replace('_', '-')).append(".example:6443\n");
        }
        y.append("contexts:\n");
        for (String c : contexts) {
            y.append("- name: ").append(c).append("\n  context:\n    cluster: ").append(c).append("\n    user: admin\n");
        }
        y.append("users:\n- name: admin\n  user:\n    token: secret-token\ncurrent-context: ").append(contexts[0]).append('\n');
        Path file = dir.resolve("config");
        Files.writeString(file, y);
        return file;
    }
}
