package dev.crossmesh.ui.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.collections.ListChangeListener;

import org.junit.jupiter.api.Test;

import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.Topology;
import dev.crossmesh.status.ConnectionState;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.ProbeResult;
import dev.crossmesh.status.ProbeState;
import dev.crossmesh.status.RemoteSecretMatrix;
import dev.crossmesh.status.StatusCodes;
import dev.crossmesh.ui.topology.TopologyModel.ClusterNode;
import dev.crossmesh.ui.topology.TopologyModel.DataPlaneLink;
import dev.crossmesh.ui.topology.TopologyModel.DiscoveryLink;
import dev.crossmesh.ui.topology.TopologyModel.GatewayNode;

/** The view-model without a screen: an executor the test runs by hand stands in for the FX thread. */
class TopologyViewModelTest {
    static final Instant T1 = Samples.T0.plusSeconds(1);
    static final Instant T2 = Samples.T0.plusSeconds(2);
    static final Instant T3 = Samples.T0.plusSeconds(3);

    /** Collects what the view-model hands to the UI thread; the test decides when "the UI thread" runs it. */
    static final class ManualExecutor implements Executor {
        final List<Runnable> waiting = new ArrayList<>();
        int executed;

        @Override
        public synchronized void execute(Runnable task) {
            waiting.add(task);
            executed++;
        }

        void runAll() {
            List<Runnable> now;
            synchronized (this) {
                now = new ArrayList<>(waiting);
                waiting.clear();
            }
            now.forEach(Runnable::run);
        }
    }

    final MeshPlan plan = Samples.plan(3, 2);
    final ManualExecutor ui = new ManualExecutor();
    final TopologyViewModel vm = new TopologyViewModel(plan, ui);

    void show(MeshStatus status) {
        vm.accept(status);
        ui.runAll();
    }

    @Test
    void beforeTheFirstSnapshotEveryClusterIsConnecting() {
        TopologyModel m = vm.topologyProperty().get();
        assertEquals(3, m.clusters().size());
        assertTrue(m.clusters().stream().allMatch(c -> c.state() == ConnectionState.CONNECTING && c.health() == Health.UNKNOWN));
        assertTrue(m.discoveryLinks().stream().allMatch(l -> l.health() == Health.UNKNOWN), "links the plan needs, state unknown");
        assertEquals(6, m.discoveryLinks().size());
        assertNull(vm.statusProperty().get());
        assertEquals("3 clusters in 2 networks · connecting", vm.summaryProperty().get());
        assertEquals(3, vm.gatewayRows().size());
    }

    @Test
    void healthyMeshShowsEveryNetworkGatewayAndLinkOk() {
        show(Samples.healthy(plan));
        TopologyModel m = vm.topologyProperty().get();
        assertEquals(List.of("net-1", "net-2"), m.networks().stream().map(TopologyModel.NetworkNode::name).toList());
        assertEquals(List.of("c1", "c2"), m.networks().get(0).clusters());
        assertEquals(List.of("europe-west1", "us-east1"), m.networks().get(0).regions());
        assertTrue(m.clusters().stream().allMatch(c -> c.health() == Health.OK), m.clusters().toString());
        assertEquals("istiod 1/1 ready", m.clusters().get(0).istiodText());
        assertEquals(List.of("203.0.113.1:15443", "203.0.113.2:15443", "203.0.113.3:15443"), m.gateways().stream().map(GatewayNode::endpoint).toList());
        assertTrue(m.gateways().stream().allMatch(g -> g.health() == Health.OK));
        assertEquals(1, m.dataPlaneLinks().size());
        assertEquals(Health.OK, m.dataPlaneLinks().get(0).health());
        assertEquals(6, m.discoveryLinks().size(), "multi-primary: every cluster reads every other one");
        assertTrue(m.discoveryLinks().stream().allMatch(l -> l.cell() == RemoteSecretMatrix.Cell.PRESENT && !l.broken()));
        assertTrue(vm.findingRows().isEmpty());
        assertEquals(Health.OK, vm.healthProperty().get());
        assertEquals("3 clusters in 2 networks · 3 of 3 synced · healthy", vm.summaryProperty().get());
        assertEquals("updated " + TimeText.of(Samples.T0), vm.updatedProperty().get());
    }

    @Test
    void demoClustersAreSaidSoOnTheirCardsAndInTheSummary() {
        show(Samples.changed(plan, "c2", Samples::asDemo, Samples.T0));
        TopologyModel m = vm.topologyProperty().get();
        assertEquals(List.of(false, true, false), m.clusters().stream().map(TopologyModel.ClusterNode::demo).toList());
        assertEquals("3 clusters (1 demo) in 2 networks · 3 of 3 synced · healthy", vm.summaryProperty().get());

        show(Samples.status(plan, Samples.healthyClusters(plan).stream().map(Samples::asDemo).toList(), Samples.T0));
        assertEquals("3 demo clusters in 2 networks · 3 of 3 synced · healthy", vm.summaryProperty().get());
    }

    @Test
    void aBurstOfSnapshotsCostsOneUpdateAndShowsTheNewest() throws Exception {
        List<MeshStatus> burst = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            burst.add(Samples.changed(plan, "c" + (1 + i % 3), c -> Samples.withPods(c, n % 2, 1), Samples.T0.plusMillis(i)));
        }
        Thread producer = new Thread(() -> burst.forEach(vm::accept));
        producer.start();
        producer.join();
        assertEquals(1, ui.executed, "one update asked of the UI thread for the whole burst");
        ui.runAll();
        assertEquals(1, vm.appliedUpdates());
        assertEquals(1000, vm.acceptedSnapshots());
        assertSame(burst.get(999), vm.statusProperty().get(), "the newest snapshot is the one shown");

        vm.accept(Samples.healthy(plan));
        assertEquals(2, ui.executed, "the next snapshot after an update asks again");
        ui.runAll();
        assertEquals(2, vm.appliedUpdates());
    }

    @Test
    void aChangeTouchesOnlyTheElementsThatChanged() {
        show(Samples.healthy(plan));
        show(Samples.changed(plan, "c3", c -> Samples.withAddress(c, "198.51.100.9"), T1));
        TopologyChange change = vm.changeProperty().get();
        assertEquals(Set.of("gateway:c3"), change.changed(), "a new address changes the gateway only");
        assertFalse(change.structureChanged());
        assertEquals("198.51.100.9:15443", vm.topologyProperty().get().gateway("c3").orElseThrow().endpoint());

        show(Samples.changed(plan, "c3", c -> Samples.withPods(Samples.withAddress(c, "198.51.100.9"), 0, 1), T2));
        change = vm.changeProperty().get();
        assertEquals(Set.of("gateway:c3", "cluster:c3", "network:net-2", "dataplane:net-1|net-2"), change.changed(), change.toString());
        assertTrue(change.added().isEmpty() && change.removed().isEmpty());
    }

    @Test
    void twoUpdatesThatChangeTheSameElementsBothReachTheView() {
        show(Samples.healthy(plan));
        List<TopologyChange> seen = new ArrayList<>();
        vm.changeProperty().addListener((obs, was, now) -> seen.add(now));
        // reconnecting, then offline: the same elements change twice, in the same way
        show(Samples.changed(plan, "c3", c -> Samples.withState(c, ConnectionState.RECONNECTING, "retrying"), T1));
        show(Samples.changed(plan, "c3", c -> Samples.withState(c, ConnectionState.OFFLINE, "retrying"), T2));
        assertEquals(2, seen.size());
        assertEquals(seen.get(0).changed(), seen.get(1).changed());
        assertEquals(Health.OFFLINE, vm.topologyProperty().get().cluster("c3").orElseThrow().health());
    }

    @Test
    void aSnapshotThatChangesNothingDrawnLeavesTheChangeAlone() {
        show(Samples.healthy(plan));
        TopologyChange first = vm.changeProperty().get();
        // only the probe's time differs: nothing in the drawing changes
        show(Samples.changed(plan, "c1", c -> Samples.withGateway(c, c.gateway().withProbe(
                new ProbeResult(ProbeState.READY, c.gateway().probe().url(), "HTTP 200", T1))), T1));
        assertSame(first, vm.changeProperty().get());
        assertEquals(2, vm.appliedUpdates());
    }

    @Test
    void aMissingRemoteSecretIsABrokenDiscoveryLinkWithItsFinding() {
        show(Samples.changed(plan, "c1", c -> Samples.withoutSecret(c, "c3"), T1));
        TopologyModel m = vm.topologyProperty().get();
        DiscoveryLink broken = m.discoveryLinks().stream().filter(l -> l.reader().equals("c1") && l.source().equals("c3")).findFirst().orElseThrow();
        assertTrue(broken.broken());
        assertEquals(Health.ERROR, broken.health());
        assertTrue(broken.reason().contains("istio-remote-secret-c3"), broken.reason());
        assertEquals(1, m.discoveryLinks().stream().filter(DiscoveryLink::broken).count());
        assertEquals(Health.ERROR, m.cluster("c1").orElseThrow().health());
        assertEquals(Health.OK, m.cluster("c3").orElseThrow().health(), "the reader's problem, not the source's");
        assertEquals(1, vm.findingRows().size());
        FindingRow f = vm.findingRows().get(0);
        assertEquals(StatusCodes.REMOTE_SECRET_MISSING, f.code());
        assertEquals("c1", f.cluster());
        assertTrue(f.message().contains("istioctl create-remote-secret"), "the finding says what to do: " + f.message());

        show(Samples.healthy(plan));
        assertTrue(vm.topologyProperty().get().discoveryLinks().stream().noneMatch(DiscoveryLink::broken), "restored: healed");
        assertTrue(vm.findingRows().isEmpty());
    }

    @Test
    void anOfflineClusterIsOfflineNotBroken() {
        show(Samples.changed(plan, "c3", c -> Samples.withState(c, ConnectionState.OFFLINE, "cannot connect to the API server"), T1));
        TopologyModel m = vm.topologyProperty().get();
        ClusterNode c3 = m.cluster("c3").orElseThrow();
        assertEquals(Health.OFFLINE, c3.health());
        assertEquals(Health.OFFLINE, m.gateway("c3").orElseThrow().health());
        assertEquals("203.0.113.3:15443", m.gateway("c3").orElseThrow().endpoint(), "the last known address stays");
        DataPlaneLink link = m.dataPlaneLinks().get(0);
        assertEquals(Health.OFFLINE, link.health());
        assertFalse(link.broken(), "crossmesh cannot tell: the gateway may well work");
        List<DiscoveryLink> fromC3 = m.discoveryLinks().stream().filter(l -> l.reader().equals("c3")).toList();
        assertEquals(2, fromC3.size());
        assertTrue(fromC3.stream().allMatch(l -> l.health() == Health.OFFLINE && !l.broken()));
        assertTrue(m.discoveryLinks().stream().filter(l -> l.source().equals("c3")).allMatch(l -> l.health() == Health.OK),
                "the others still hold their secrets for c3");
        assertEquals(StatusCodes.CLUSTER_OFFLINE, vm.findingRows().get(0).code());
    }

    @Test
    void aNetworkWhoseOnlyGatewayHasNoAddressBreaksTheDataPlane() {
        show(Samples.changed(plan, "c3", c -> Samples.withAddress(c, ""), T1));
        DataPlaneLink link = vm.topologyProperty().get().dataPlaneLinks().get(0);
        assertTrue(link.broken());
        assertTrue(link.reason().contains("c3: no address"), link.reason());
        GatewayNode g = vm.topologyProperty().get().gateway("c3").orElseThrow();
        assertEquals("no address", g.text());
        assertEquals(Health.ERROR, g.health());
        assertEquals(Health.OK, vm.topologyProperty().get().cluster("c3").orElseThrow().health(), "the gateway's finding colours the gateway");
    }

    @Test
    void oneOfTwoGatewaysDownDegradesTheDataPlaneWithoutBreakingIt() {
        show(Samples.changed(plan, "c1", c -> Samples.withPods(c, 0, 1), T1));
        DataPlaneLink link = vm.topologyProperty().get().dataPlaneLinks().get(0);
        assertEquals(Health.WARNING, link.health());
        assertFalse(link.broken());
        assertTrue(link.reason().contains("only 1 of 2"), link.reason());
    }

    @Test
    void selectingAClusterShowsItsSecretsRootAndFindings() {
        show(Samples.healthy(plan));
        vm.select(Selection.cluster("c1"));
        Details d = vm.detailsProperty().get();
        assertNotNull(d);
        assertEquals("c1", d.title());
        assertEquals("network net-1 · europe-west1 · primary", d.subtitle());
        assertEquals("present (istio-remote-secret-c3)", d.value("Remote secrets: istiod here reads", "c3"));
        assertEquals("present (istio-remote-secret-c1)", d.value("Remote secrets: read by", "c2"));
        assertEquals(DetailsBuilder.colons(Samples.ROOT), d.value("Root certificate", "SHA-256"));
        assertTrue(d.value("Root certificate", "SHA-256").startsWith("3F:3F:"));
        assertEquals("203.0.113.1:15443", d.value("East-west gateway", "Address"));
        assertEquals("istiod 1/1 ready", d.value("Control plane", "istiod"));
        assertTrue(d.findings().isEmpty());

        show(Samples.changed(plan, "c1", c -> Samples.withoutSecret(c, "c3"), T1));
        d = vm.detailsProperty().get();
        assertEquals("missing (istio-remote-secret-c3)", d.value("Remote secrets: istiod here reads", "c3"));
        assertEquals(1, d.findings().size(), "the findings that concern it, with what to do");
        assertEquals(StatusCodes.REMOTE_SECRET_MISSING, d.findings().get(0).code());

        vm.clearSelection();
        assertNull(vm.detailsProperty().get());
    }

    @Test
    void selectingAGatewayShowsServicePortsPodsAndProbe() {
        show(Samples.changed(plan, "c3", c -> Samples.withPods(c, 0, 2), T1));
        vm.select(Selection.gateway("c3"));
        Details d = vm.detailsProperty().get();
        assertEquals("c3 east-west gateway", d.title());
        assertEquals("203.0.113.3:15443", d.value("Service", "Address"));
        assertEquals("LoadBalancer", d.value("Service", "Type"));
        assertEquals("15443", d.value("Ports", "tls"));
        assertEquals("15021", d.value("Ports", "status-port"));
        assertEquals("0/2", d.value("Pods", "Ready"));
        assertEquals("ready", d.value("Readiness probe from this machine", "Outcome"));
        assertEquals("http://203.0.113.3:15021/healthz/ready", d.value("Readiness probe from this machine", "URL"));
        assertEquals(Health.ERROR, d.health());
        assertEquals(List.of(StatusCodes.GATEWAY_PODS_NOT_READY), d.findings().stream().map(FindingRow::code).toList());
    }

    @Test
    void findingsAreListedNewestFirstAndKeepWhenTheyFirstAppeared() {
        show(Samples.changed(plan, "c1", c -> Samples.withoutSecret(c, "c3"), T1));
        List<dev.crossmesh.status.ClusterStatus> clusters = new ArrayList<>(Samples.healthyClusters(plan));
        clusters.set(0, Samples.withoutSecret(clusters.get(0), "c3"));
        clusters.set(2, Samples.withPods(clusters.get(2), 0, 1));
        show(Samples.status(plan, clusters, T2));
        assertEquals(List.of(StatusCodes.GATEWAY_PODS_NOT_READY, StatusCodes.REMOTE_SECRET_MISSING), vm.findingRows().stream().map(FindingRow::code).toList());
        assertEquals(T2, vm.findingRows().get(0).firstSeen());
        assertEquals(T1, vm.findingRows().get(1).firstSeen(), "still the time it first appeared");
    }

    @Test
    void gatewayRowsChangeOneByOneAndKeepTheirLastChangeTime() {
        show(Samples.healthy(plan));
        assertEquals(3, vm.gatewayRows().size());
        GatewayRow row = vm.gatewayRows().get(1);
        assertEquals("c2", row.cluster());
        assertEquals("LoadBalancer", row.serviceType());
        assertEquals("203.0.113.2:15443", row.address());
        assertEquals("ready", row.probe());
        assertEquals("1/1", row.pods());
        assertEquals("15443, 15021, 15012, 15017", row.ports());
        assertEquals(Samples.T0, row.lastChange());

        AtomicInteger replaced = new AtomicInteger();
        vm.gatewayEntries().forEach(e -> e.rowProperty().addListener((obs, was, now) -> replaced.incrementAndGet()));
        vm.gatewayEntries().addListener((ListChangeListener<GatewayEntry>) c -> replaced.addAndGet(100));
        // a probe that answers the same again is no change
        show(Samples.changed(plan, "c2", c -> Samples.withGateway(c, c.gateway().withProbe(
                new ProbeResult(ProbeState.READY, c.gateway().probe().url(), "HTTP 200", T1))), T1));
        assertEquals(Samples.T0, vm.gatewayRows().get(1).lastChange());
        assertEquals(0, replaced.get());

        show(Samples.changed(plan, "c2", c -> Samples.withAddress(c, "198.51.100.2"), T2));
        assertEquals(T2, vm.gatewayRows().get(1).lastChange());
        assertEquals("198.51.100.2:15443", vm.gatewayRows().get(1).address());
        assertEquals(1, replaced.get(), "only the changed row changes; the entries stay");
    }

    @Test
    void tenClustersDrawOnlyTheDiscoveryLinksWithProblemsUntilAskedForAll() {
        MeshPlan big = Samples.plan(10, 4);
        TopologyViewModel many = new TopologyViewModel(big, Runnable::run);
        many.accept(Samples.healthy(big));
        assertEquals(90, many.topologyProperty().get().discoveryLinks().size());
        assertFalse(many.allDiscoveryLinksProperty().get());
        assertTrue(many.shownDiscoveryLinks().isEmpty());
        assertEquals(90, many.hiddenDiscoveryLinks());
        assertEquals(6, many.topologyProperty().get().dataPlaneLinks().size(), "one per pair of the 4 networks");

        many.accept(Samples.changed(big, "c4", c -> Samples.withoutSecret(c, "c9"), T1));
        assertEquals(List.of("discovery:c4>c9"), many.shownDiscoveryLinks().stream().map(DiscoveryLink::id).toList());
        many.allDiscoveryLinksProperty().set(true);
        assertEquals(90, many.shownDiscoveryLinks().size());
    }

    @Test
    void primaryRemoteDrawsOnlyTheSecretsThePrimaryReads() {
        MeshPlan pr = Samples.plan(2, 2).withTopology(Topology.PRIMARY_REMOTE);
        pr = pr.withClusters(List.of(pr.clusters().get(0), pr.clusters().get(1).withRole(Role.REMOTE)));
        TopologyViewModel v = new TopologyViewModel(pr, Runnable::run);
        v.accept(Samples.healthy(pr));
        TopologyModel m = v.topologyProperty().get();
        assertEquals(List.of("discovery:c1>c2"), m.discoveryLinks().stream().map(DiscoveryLink::id).toList());
        assertEquals("no istiod (remote)", m.cluster("c2").orElseThrow().istiodText());
        assertEquals(Health.OK, m.cluster("c2").orElseThrow().health(), v.findingRows().toString());
    }
}
