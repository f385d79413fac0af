package dev.crossmesh.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.render.Labels;
import io.fabric8.kubernetes.client.KubernetesClient;

/** One finding at a time: provoked in a healthy two-cluster mesh, seen in a snapshot, repaired, and gone again. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusMonitorTest {
    static final String NS = MeshFixture.NS;

    MeshFixture mesh;
    StatusMonitor monitor;
    Snapshots snapshots;

    @BeforeAll
    void startMesh(@TempDir Path dir) throws Exception {
        mesh = MeshFixture.start(2, dir);
        mesh.installHealthy();
        monitor = StatusMonitor.start(mesh.plan, mesh.clients, StatusMonitor.Options.defaults().withProbeInterval(Duration.ofMillis(300)));
    }

    @BeforeEach
    void healthy() throws Exception {
        mesh.installHealthy();
        snapshots = new Snapshots(monitor);
        snapshots.awaitHealthy();
    }

    @AfterEach
    void unsubscribe() {
        snapshots.close();
    }

    @AfterAll
    void stop() {
        monitor.close();
        mesh.close();
    }

    @Test
    void healthyMeshShowsEverythingAndNoFindings() throws Exception {
        MeshStatus s = snapshots.awaitHealthy();
        assertEquals("mesh1", s.meshId());
        assertTrue(s.healthy());
        ClusterStatus c1 = s.cluster("cluster-1").orElseThrow();
        assertEquals(ConnectionState.SYNCED, c1.state());
        assertEquals("demo-cluster-1", c1.context());
        assertEquals("vpc-1", c1.network());
        assertEquals(new IstiodStatus(1, 1, "1.24.3", "cluster-1", "mesh1", "cluster.local"), c1.istiod());
        GatewayStatus gw = c1.gateway();
        assertEquals("LoadBalancer", gw.serviceType());
        assertEquals("127.0.0.1", gw.address());
        assertEquals(mesh.gateway("cluster-1").port(), gw.statusPort(), "the crossmesh.dev/status-port annotation wins");
        assertEquals(1, gw.podsReady());
        assertEquals(1, gw.podsTotal());
        assertEquals(List.of(15021, 15443, 15012, 15017), gw.ports().stream().map(GatewayPort::port).toList());
        assertEquals(ProbeState.READY, gw.probe().state());
        assertEquals("http://127.0.0.1:" + mesh.gateway("cluster-1").port() + "/healthz/ready", gw.probe().url());
        assertEquals(List.of("cross-network-gateway"), c1.istioGateways().stream().map(IstioGateway::name).toList());
        assertTrue(c1.istioGateways().get(0).isCrossNetwork());
        assertEquals(List.of("cluster-2"), c1.remoteSecretClusters());
        assertEquals(mesh.rootSha256(), c1.rootCertificate().sha256(), "the fingerprint is openssl's: SHA-256 over the DER");
        assertEquals(mesh.rootSha256(), c1.rootCertificate().pluggedSha256());
        assertTrue(c1.lastChange() != null);
        RemoteSecretMatrix matrix = s.remoteSecretMatrix();
        assertEquals(RemoteSecretMatrix.Cell.PRESENT, matrix.cell("cluster-1", "cluster-2"));
        assertEquals(RemoteSecretMatrix.Cell.PRESENT, matrix.cell("cluster-2", "cluster-1"));
        assertEquals(RemoteSecretMatrix.Cell.SELF, matrix.cell("cluster-1", "cluster-1"));
    }
}
