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

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.KubernetesClient;

class DiffEngineTest {
    static final ApplyOptions QUICK = ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(10));

    static Map<String, ObjectChange> byObject(MeshDiff diff, int cluster) {
        return diff.clusters().get(cluster).changes().stream().collect(Collectors.toMap(ObjectChange::object, c -> c, (a, b) -> a));
    }

    @Test
    void aManualEditOfOurFieldsIsAConflictNamingTheEditorAndForceTakesIt(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            MeshDiff fresh = new DiffEngine(mesh.clients).diff(Rendered.mesh(mesh.plan, mesh.certs), ApplyOptions.defaults());
            assertEquals(24, fresh.count(ChangeKind.CREATE), fresh.summary());
            assertTrue(fresh.hasChanges());
            assertTrue(new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs), QUICK, e -> { }, CancelToken.none()).succeeded());
            MeshDiff clean = new DiffEngine(mesh.clients).diff(Rendered.mesh(mesh.plan, mesh.certs), ApplyOptions.defaults());
            assertFalse(clean.hasChanges(), clean.summary());
            assertEquals(24, clean.count(ChangeKind.UNCHANGED));

            KubernetesClient two = mesh.server(2).adminClient();
            two.services().inNamespace("istio-system").withName("istio-eastwestgateway").edit(s -> {
                s.getSpec().getPorts().stream().filter(p -> p.getName().equals("tls")).forEach(p -> p.setTargetPort(new IntOrString(9443)));
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

            MeshDiff diff = new DiffEngine(mesh.clients).diff(Rendered.mesh(mesh.plan, mesh.certs), ApplyOptions.defaults());
            Map<String, ObjectChange> changes = byObject(diff, 1);
            // the edits made fabric8's field manager the owner of what they changed, as kube-apiserver records an
            // update: crossmesh does not silently undo them but names them as conflicts
            ObjectChange service = changes.get("Service istio-system/istio-eastwestgateway");
            assertEquals(ChangeKind.CONFLICT, service.change());
            assertEquals(List.of("metadata.labels.topology.istio.io/network (owned by fabric8-kubernetes-client)",
                    "spec.ports[port=15443,protocol=\"TCP\"].targetPort (owned by fabric8-kubernetes-client)"), service.fields().stream().sorted().toList());
            assertTrue(service.reason().contains("--force"), service.reason());
            ObjectChange cacerts = changes.get("Secret istio-system/cacerts");
            assertEquals(ChangeKind.CONFLICT, cacerts.change());
            assertEquals(List.of("data.ca-key.pem (owned by fabric8-kubernetes-client)"), cacerts.fields());
            // a label removed by hand belongs to no one any more: putting it back is an update, not a conflict
            ObjectChange namespace = changes.get("Namespace istio-system");
            assertEquals(ChangeKind.UPDATE, namespace.change());
            assertEquals(List.of("metadata.labels.topology.istio.io/network"), namespace.fields());
            assertEquals(2, diff.count(ChangeKind.CONFLICT), diff.summary());
            assertEquals(1, diff.count(ChangeKind.UPDATE), diff.summary());
            assertFalse(byObject(diff, 0).values().stream().anyMatch(c -> c.change().changes()), "cluster-1 is untouched");
            String printed = diff.clusters().stream().flatMap(c -> c.changes().stream()).map(ObjectChange::toLine).collect(Collectors.joining("\n"));
            assertFalse(printed.contains(secretValue) || printed.contains("BEGIN"), "no secret value in a diff");
            assertTrue(printed.contains("! conflict   Secret istio-system/cacerts: data.ca-key.pem (owned by fabric8-kubernetes-client)"), printed);

            MeshDiff forced = new DiffEngine(mesh.clients).diff(Rendered.mesh(mesh.plan, mesh.certs), ApplyOptions.defaults().withForce(true));
            ObjectChange forcedService = byObject(forced, 1).get("Service istio-system/istio-eastwestgateway");
            assertEquals(ChangeKind.UPDATE, forcedService.change());
            assertEquals(List.of("metadata.labels.topology.istio.io/network", "spec.ports[tls].targetPort"), forcedService.fields());
            assertTrue(forcedService.reason().contains("takes from fabric8-kubernetes-client"), forcedService.reason());

            assertFalse(new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs), QUICK, e -> { }, CancelToken.none()).succeeded(),
                    "without --force the conflicts are left alone and reported");
            assertEquals(9443, two.services().inNamespace("istio-system").withName("istio-eastwestgateway").get().getSpec().getPorts().stream()
                    .filter(p -> p.getName().equals("tls")).findFirst().orElseThrow().getTargetPort().getIntVal());
            assertTrue(new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs), QUICK.withForce(true), e -> { }, CancelToken.none()).succeeded());
            assertEquals("else", two.services().inNamespace("istio-system").withName("istio-eastwestgateway").get().getMetadata().getLabels().get("someone"),
                    "fields the plan does not set are kept");
            assertFalse(new DiffEngine(mesh.clients).diff(Rendered.mesh(mesh.plan, mesh.certs), ApplyOptions.defaults()).hasChanges());
        }
    }

    @Test
    void anUnreachableClusterIsOneErrorNotOnePerObject(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir)) {
            mesh.server(2).stop();
            long t0 = System.nanoTime();
            MeshDiff diff = new DiffEngine(mesh.clients).diff(Rendered.mesh(mesh.plan, mesh.certs), ApplyOptions.defaults());
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
