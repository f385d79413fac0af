package dev.crossmesh.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Severity;
import dev.crossmesh.render.Labels;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** Clusters that go away and come back, contexts that do not exist yet, missing CRDs, and bursts of events. */
class StatusLifecycleTest {
    static final Duration FAST_RETRY = Duration.ofMillis(300);

    static StatusMonitor.Options fast() {
        return StatusMonitor.Options.defaults().withProbeInterval(Duration.ofMillis(300)).withOfflineAfter(Duration.ofSeconds(1))
                .withRetryInterval(FAST_RETRY);
    }

    @Test
    void aStoppedClusterShowsReconnectingThenOfflineAndComesBackByItself(@TempDir Path dir) throws Exception {
        try (MeshFixture mesh = MeshFixture.start(2, dir)) {
            mesh.installHealthy();
            try (StatusMonitor monitor = StatusMonitor.start(mesh.plan, mesh.clients, fast());
                 Snapshots snapshots = new Snapshots(monitor)) {
                snapshots.awaitHealthy();
                mesh.demo.server("demo-cluster-2").stop();
                MeshStatus offline = snapshots.await("cluster-2 offline", s -> state(s, "cluster-2") == ConnectionState.OFFLINE, Duration.ofSeconds(15));
                List<ConnectionState> states = snapshots.all().stream().map(s -> state(s, "cluster-2")).distinct().toList();
                assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.SYNCED, ConnectionState.RECONNECTING, ConnectionState.OFFLINE), states);
                MeshStatus reconnecting = snapshots.all().stream().filter(s -> state(s, "cluster-2") == ConnectionState.RECONNECTING).findFirst().orElseThrow();
                Finding warning = reconnecting.findingsFor("cluster-2").get(0);
                assertEquals(StatusCodes.CLUSTER_NOT_SYNCED, warning.code());
                assertEquals(Severity.WARNING, warning.severity());
                assertTrue(warning.message().contains("cluster-2 (context demo-cluster-2) is reconnecting"), warning.message());
                Finding f = offline.findingsFor("cluster-2").get(0);
                assertEquals(StatusCodes.CLUSTER_OFFLINE, f.code());
                assertEquals(Severity.ERROR, f.severity());
                assertTrue(f.message().contains("cluster-2 (context demo-cluster-2) is offline"), f.message());
                assertEquals(1, offline.findingsFor("cluster-2").size(), "no checks on stale data");
                ClusterStatus last = offline.cluster("cluster-2").orElseThrow();
                assertEquals("vpc-2", last.network(), "the last known state stays visible");
                assertEquals(ConnectionState.SYNCED, state(offline, "cluster-1"));
                assertEquals(RemoteSecretMatrix.Cell.UNKNOWN, offline.remoteSecretMatrix().cell("cluster-2", "cluster-1"));

                mesh.demo.server("demo-cluster-2").start();
                snapshots.await("cluster-2 synced again", s -> state(s, "cluster-2") == ConnectionState.SYNCED && s.findings().isEmpty(), Duration.ofSeconds(40));
                // once healed it stays healed: no watch left over from the outage drops it back to reconnecting
                int healedAt = snapshots.all().size();
                Thread.sleep(4_000);
                List<MeshStatus> after = snapshots.all().subList(healedAt, snapshots.all().size());
                after.forEach(s -> assertEquals(ConnectionState.SYNCED, state(s, "cluster-2"), Snapshots.describe(s)));
                // and it is watching again, not just showing the old cache
                mesh.admin("cluster-2").namespaces().withName(MeshFixture.NS).edit(n -> {
                    n.getMetadata().getLabels().put(Labels.NETWORK, "vpc-x");
                    return n;
                });
                snapshots.awaitFinding(StatusCodes.NETWORK_LABEL_WRONG, "cluster-2");
            }
        }
    }

    @Test
    void aClusterUnreachableAtStartIsOfflineUntilItAnswers(@TempDir Path dir) throws Exception {
        try (MeshFixture mesh = MeshFixture.start(2, dir)) {
            mesh.installHealthy();
            mesh.demo.server("demo-cluster-2").stop();
            try (StatusMonitor monitor = StatusMonitor.start(mesh.plan, mesh.clients, fast());
                 Snapshots snapshots = new Snapshots(monitor)) {
                MeshStatus s = monitor.awaitSettled(Duration.ofSeconds(10));
                assertEquals(ConnectionState.OFFLINE, state(s, "cluster-2"), Snapshots.describe(s));
                assertTrue(s.cluster("cluster-2").orElseThrow().stateDetail().contains("cannot connect to the API server"),
                        s.cluster("cluster-2").orElseThrow().stateDetail());
                assertEquals(ConnectionState.SYNCED, state(s, "cluster-1"));
                mesh.demo.server("demo-cluster-2").start();
                snapshots.awaitHealthy();
            }
        }
    }

    @Test
    void anUnknownContextIsOfflineWithTheReasonAndIsRetried(@TempDir Path dir) throws Exception {
        try (MeshFixture mesh = MeshFixture.start(2, dir)) {
            mesh.installHealthy();
            List<ClusterSpec> clusters = new ArrayList<>(mesh.plan.clusters());
            clusters.set(1, new ClusterSpec("cluster-2", "late-context", "vpc-2"));
            MeshPlan plan = mesh.plan.withClusters(clusters);
            try (StatusMonitor monitor = StatusMonitor.start(plan, mesh.clients, fast());
                 Snapshots snapshots = new Snapshots(monitor)) {
                MeshStatus s = monitor.awaitSettled(Duration.ofSeconds(10));
                ClusterStatus c2 = s.cluster("cluster-2").orElseThrow();
                assertEquals(ConnectionState.OFFLINE, c2.state());
                assertTrue(c2.stateDetail().contains("context 'late-context' is not in kubeconfig"), c2.stateDetail());
                assertTrue(s.findingsFor("cluster-2").get(0).message().contains("late-context"));

                // the user fixes the kubeconfig: the context appears, pointing at the second cluster
                addContextAlias(mesh.kubeconfig(), "late-context", "demo-cluster-2");
                snapshots.awaitHealthy();
            }
        }
    }

    @Test
    void aMissingGatewayCrdIsAFindingNotAHang(@TempDir Path dir) throws Exception {
        try (MeshFixture mesh = MeshFixture.start(2, dir)) {
            mesh.installHealthy();
            var server = mesh.demo.server("demo-cluster-1").mockServer();
            Status notFound = new StatusBuilder().withStatus("Failure").withReason("NotFound").withCode(404).withMessage("the server could not find the requested resource").build();
            for (String version : List.of("v1", "v1alpha3")) {
                server.expect().get().withPath("/apis/networking.istio.io/" + version + "/namespaces/istio-system/gateways?resourceVersion=0")
                        .andReturn(404, notFound).always();
            }
            try (StatusMonitor monitor = StatusMonitor.start(mesh.plan, mesh.clients, fast());
                 Snapshots snapshots = new Snapshots(monitor)) {
                MeshStatus s = snapshots.awaitFinding(StatusCodes.GATEWAY_CRD_MISSING, "cluster-1");
                assertEquals(ConnectionState.SYNCED, state(s, "cluster-1"), "a missing CRD does not keep the cluster connecting");
                assertTrue(s.findingsFor("cluster-1").get(0).message().contains("Istio's CRDs are not installed"));
                assertTrue(s.cluster("cluster-1").orElseThrow().istioGateways().isEmpty());
                // Istio gets installed: the versions are asked again and the Gateway shows up
                server.clearExpectations();
                snapshots.awaitHealthy();
            }
        }
    }

    @Test
    void aBurstOfChangesYieldsFewSnapshotsAndTheLastIsRight(@TempDir Path dir) throws Exception {
        try (MeshFixture mesh = MeshFixture.start(2, dir)) {
            mesh.installHealthy();
            try (StatusMonitor monitor = StatusMonitor.start(mesh.plan, mesh.clients, fast());
                 Snapshots snapshots = new Snapshots(monitor)) {
                snapshots.awaitHealthy();
                KubernetesClient k = mesh.admin("cluster-1");
                long before = monitor.snapshotCount();
                long t0 = System.nanoTime();
                int changes = 500;
                for (int i = 1; i <= changes; i++) {
                    String network = i == changes ? "vpc-1" : "vpc-burst-" + i;
                    k.namespaces().withName(MeshFixture.NS).patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"metadata\":{\"labels\":{\"" + Labels.NETWORK + "\":\"" + network + "\"}}}");
                }
                long burstMillis = (System.nanoTime() - t0) / 1_000_000;
                MeshStatus last = snapshots.awaitHealthy();
                long snapshotsDuringBurst = monitor.snapshotCount() - before;
                assertEquals("vpc-1", last.cluster("cluster-1").orElseThrow().network());
                long coalesce = monitor.options().coalesce().toMillis();
                assertTrue(snapshotsDuringBurst <= burstMillis / coalesce + 3,
                        snapshotsDuringBurst + " snapshots for " + changes + " changes in " + burstMillis + " ms: more than one per " + coalesce + " ms");
                assertTrue(snapshotsDuringBurst < changes / 5, snapshotsDuringBurst + " snapshots for " + changes + " changes");
            }
        }
    }

    static ConnectionState state(MeshStatus s, String cluster) {
        return s.cluster(cluster).orElseThrow().state();
    }

    /** Adds a context to a kubeconfig that reaches the same cluster and user as another one, as a user editing the file would. */
    @SuppressWarnings("unchecked")
    static void addContextAlias(Path kubeconfig, String alias, String existing) throws Exception {
        Map<String, Object> config = new Yaml().load(Files.readString(kubeconfig));
        List<Map<String, Object>> contexts = (List<Map<String, Object>>) config.get("contexts");
        Map<String, Object> original = contexts.stream().filter(c -> existing.equals(c.get("name"))).findFirst().orElseThrow();
        contexts.add(Map.of("name", alias, "context", original.get("context")));
        Path tmp = kubeconfig.resolveSibling(kubeconfig.getFileName() + ".tmp");
        Files.writeString(tmp, new Yaml().dump(config));
        Files.move(tmp, kubeconfig, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
