package dev.crossmesh.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Discovery answers as an API server's, so that clients that read it (fabric8, kubectl) find what is served. */
class DemoDiscoveryTest {

    @Test
    void groupsAndResourcesAreDiscoverable(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(1).kubeconfig(dir.resolve("k")).withoutSimulation().start()) {
            KubernetesClient client = demo.server("demo-cluster-1").adminClient();
            List<String> groups = client.getApiGroups().getGroups().stream().map(APIGroup::getName).toList();
            assertTrue(groups.containsAll(List.of("apps", "networking.istio.io", "install.istio.io")), groups.toString());
            APIGroup networking = client.getApiGroup("networking.istio.io");
            assertEquals("networking.istio.io/v1", networking.getPreferredVersion().getGroupVersion());
            assertEquals(3, networking.getVersions().size());
            List<String> core = client.getApiResources("v1").getResources().stream().map(APIResource::getName).toList();
            assertTrue(core.containsAll(List.of("pods", "services", "secrets", "nodes", "namespaces", "services/status")), core.toString());
            assertTrue(client.getApiResources("apps/v1").getResources().stream().anyMatch(r -> r.getName().equals("deployments")));
            assertTrue(client.getApiResources("networking.istio.io/v1alpha3").getResources().stream().anyMatch(r -> r.getKind().equals("Gateway")));
            assertEquals("v1.30.4", client.getKubernetesVersion().getGitVersion());
            // a query string must not turn /version into a listing of the store
            String version = client.raw(demo.server("demo-cluster-1").url() + "/version?timeout=32s");
            assertTrue(version.contains("\"gitVersion\":\"v1.30.4\""), version);
        }
    }

    @Test
    void kubectlListsAndCreatesOnADemoCluster(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed here");
        try (DemoClusters demo = SimulatedControlPlaneTest.fastDemo(dir, 1).start()) {
            Path manifest = Files.writeString(dir.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: istio-system\n");
            assertEquals("namespace/istio-system created", kubectl(demo, "apply", "-f", manifest.toString()).trim());
            String nodes = kubectl(demo, "get", "nodes", "-L", "topology.kubernetes.io/region");
            assertTrue(nodes.contains("demo-cluster-1-node-1") && nodes.contains("europe-west1"), nodes);
            String crds = kubectl(demo, "get", "crd");
            assertTrue(crds.contains("istiooperators.install.istio.io"), crds);
        }
    }

    private static String kubectl(DemoClusters demo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", demo.kubeconfig().toString(), "--context", "demo-cluster-1"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", args) + ": " + out);
        return out;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
