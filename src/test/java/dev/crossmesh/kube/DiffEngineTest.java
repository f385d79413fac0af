package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.KubernetesClient;

class DiffEngineTest {
    static final ApplyOptions QUICK = ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(10));

    static Map<String, ObjectChange> byObject(MeshDiff diff, int cluster) {
        return diff.clusters().get(cluster).changes().stream().collect(Collectors.toMap(ObjectChange::object, c -> c, (a, b) -> a));
    }

    @Test
    void aManualEditShowsAsAnUpdateOfThoseFieldsOnly(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            MeshDiff fresh = new DiffEngine(mesh.clients).diff(mesh.plan, mesh.certs);
            assertEquals(24, fresh.count(ChangeKind.CREATE), fresh.summary());
            assertTrue(fresh.hasChanges());
            assertTrue(new MeshApplier(mesh.clients).apply(mesh.plan, mesh.certs, QUICK, e -> { }, CancelToken.none()).succeeded());
            MeshDiff clean = new DiffEngine(mesh.clients).diff(mesh.plan, mesh.certs);
            assertFalse(clean.hasChanges(), clean.summary());
            assertEquals(24, clean.count(ChangeKind.UNCHANGED));

            KubernetesClient two = mesh.server(2).adminClient();
            two.services().inNamespace("istio-system").withName("istio-eastwestgateway").edit(s -> {
                s.getSpec().getPorts().stream().filter(p -> p.getName().equals("tls")).forEach(p -> p.setPort(443));
                s.getMetadata().getLabels().put("topology.istio.io/network", "elsewhere");
                s.getMetadata().getLabels().put("someone", "else");
                return s;
            });
            String secretValue = "not-the-real-intermediate-key";
            two.secrets().inNamespace("istio-system").withName("cacerts").edit(s -> {
                s.getData().put("ca-key.pem", Base64.getEncoder().encodeToString(secretValue.getBytes(StandardCharsets.UTF_8)));
                return s;
            });
            two.namespaces().withName("istio-system").edit(n -> {
                n.getMetadata().getLabels().remove("topology.istio.io/network");
                return n;
            });

            MeshDiff diff = new DiffEngine(mesh.clients).diff(mesh.plan, mesh.certs);
            Map<String, ObjectChange> changes = byObject(diff, 1);
            ObjectChange service = changes.get("Service istio-system/istio-eastwestgateway");
            assertEquals(ChangeKind.UPDATE, service.change());
            assertEquals(List.of("metadata.labels.topology.istio.io/network", "spec.ports[tls].port"), service.fields());
            ObjectChange cacerts = changes.get("Secret istio-system/cacerts");
            assertEquals(List.of("data.ca-key.pem"), cacerts.fields());
            ObjectChange namespace = changes.get("Namespace istio-system");
            assertEquals(List.of("metadata.labels.topology.istio.io/network"), namespace.fields());
            assertEquals(3, diff.count(ChangeKind.UPDATE), diff.summary());
            assertFalse(byObject(diff, 0).values().stream().anyMatch(c -> c.change().changes()), "cluster-1 is untouched");
            String printed = diff.clusters().stream().flatMap(c -> c.changes().stream()).map(ObjectChange::toLine).collect(Collectors.joining("\n"));
            assertFalse(printed.contains(secretValue) || printed.contains("BEGIN"), "no secret value in a diff");
            assertTrue(printed.contains("~ update     Secret istio-system/cacerts: data.ca-key.pem"), printed);

            assertTrue(new MeshApplier(mesh.clients).apply(mesh.plan, mesh.certs, QUICK, e -> { }, CancelToken.none()).succeeded());
            assertEquals("else", two.services().inNamespace("istio-system").withName("istio-eastwestgateway").get().getMetadata().getLabels().get("someone"),
                    "fields the plan does not set are kept");
            assertFalse(new DiffEngine(mesh.clients).diff(mesh.plan, mesh.certs).hasChanges());
        }
    }

    @Test
    void anUnreachableClusterIsOneErrorNotOnePerObject(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir)) {
            mesh.server(2).stop();
            long t0 = System.nanoTime();
            MeshDiff diff = new DiffEngine(mesh.clients).diff(mesh.plan, mesh.certs);
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 10, "a stopped cluster fails fast");
            ClusterDiff two = diff.clusters().get(1);
            assertFalse(two.reachable());
            assertTrue(two.error().startsWith("cluster cluster-2 (" + mesh.server(2).url() + ") did not answer"), two.error());
            assertTrue(two.changes().isEmpty());
            assertTrue(diff.clusters().get(0).reachable());
            assertTrue(diff.summary().endsWith("1 cluster(s) not compared"), diff.summary());
        }
    }
}
