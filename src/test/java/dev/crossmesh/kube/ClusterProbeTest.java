package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.demo.DemoApiServer;
import dev.crossmesh.demo.DemoClusters;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;

class ClusterProbeTest {

    @Test
    void reachableClusterToldItsVersionAndTheRegionOfMostNodes(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.start(1, dir.resolve("kubeconfig"))) {
            var admin = demo.server("demo-cluster-1").adminClient();
            admin.nodes().resource(node("a", Map.of(ClusterProbe.REGION_LABEL, "europe-west1"))).create();
            admin.nodes().resource(node("b", Map.of(ClusterProbe.REGION_LABEL, "europe-west1"))).create();
            admin.nodes().resource(node("c", Map.of(ClusterProbe.LEGACY_REGION_LABEL, "us-east1"))).create();
            admin.nodes().resource(node("d", Map.of())).create();

            ProbeResult result = ClusterProbe.probe(Kubeconfigs.of(List.of(demo.kubeconfig())), "demo-cluster-1");

            assertTrue(result.reachable(), result.problem());
            assertEquals(DemoApiServer.DEFAULT_KUBERNETES_VERSION, result.version());
            assertEquals("europe-west1", result.region());
            assertEquals(demo.server("demo-cluster-1").url(), result.server());
            assertEquals("", result.problem());
        }
    }

    @Test
    void clusterWithoutNodeLabelsIsReachableWithoutRegion(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.start(1, dir.resolve("kubeconfig"))) {
            // demo clusters come with labelled nodes; this one loses them, as on a cluster whose nodes carry no region
            demo.server("demo-cluster-1").adminClient().nodes().delete();
            ProbeResult result = ClusterProbe.probe(Kubeconfigs.of(List.of(demo.kubeconfig())), "demo-cluster-1");
            assertTrue(result.reachable());
            assertEquals("", result.region());
        }
    }

    @Test
    void stoppedClusterIsDescribedAsNotConnectingWithItsServer(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.start(1, dir.resolve("kubeconfig"))) {
            DemoApiServer server = demo.server("demo-cluster-1");
            server.stop();
            long start = System.nanoTime();
            ProbeResult result = ClusterProbe.probe(Kubeconfigs.of(List.of(demo.kubeconfig())), "demo-cluster-1");
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertFalse(result.reachable());
            assertEquals("cannot connect to " + server.url() + " (connection refused): is the cluster running, and the VPN or tunnel up?",
                    result.problem());
            assertTrue(millis < 10_000, "a refused connection must fail fast, took " + millis + " ms");
        }
    }

    @Test
    void rejectedCredentialsNameTheUserAndWhatToDo() {
        KubeContext ctx = new KubeContext("prod", "prod", "https://10.0.0.1", "alice", "", Path.of("config"), false, false);
        // the demo server's /version answer cannot be overridden, so the client's exception is built as fabric8 builds it
        var e = new io.fabric8.kubernetes.client.KubernetesClientException(
                new StatusBuilder().withCode(401).withMessage("Unauthorized").build());
        assertEquals("https://10.0.0.1 rejected the credentials of user 'alice' (401 Unauthorized): log in again or refresh the token in the kubeconfig",
                ClusterProbe.describe(new RuntimeException("wrapped", e), ctx));
        var forbidden = new io.fabric8.kubernetes.client.KubernetesClientException(new StatusBuilder().withCode(403).build());
        assertTrue(ClusterProbe.describe(forbidden, ctx).startsWith("user 'alice' may not read the server version of https://10.0.0.1 (403"));
        assertTrue(ClusterProbe.describe(new java.net.UnknownHostException("x"), ctx).startsWith("cannot find the host of https://10.0.0.1"));
    }

    @Test
    void unknownContextIsAProblemNotAnException(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.start(1, dir.resolve("kubeconfig"))) {
            ProbeResult result = ClusterProbe.probe(Kubeconfigs.of(List.of(demo.kubeconfig())), "nope");
            assertFalse(result.reachable());
            assertTrue(result.problem().contains("context 'nope' is not in"), result.problem());
        }
    }

    private static io.fabric8.kubernetes.api.model.Node node(String name, Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
    }
}
