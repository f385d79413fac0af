package dev.crossmesh.ui.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.ApplyMethod;
import dev.crossmesh.render.ManifestRenderer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The preview's live diff over the diff engine, against bare demo clusters. */
class DiffEngineServiceTest {
    private static final MeshPlan PLAN = MeshPlan.of("shop", List.of(new ClusterSpec("east", "demo-cluster-1", "vpc-1"),
            new ClusterSpec("west", "demo-cluster-2", "vpc-2")));

    @Test
    void everyPreviewedFileGetsABadgeCreateNotOwnedWithItsOwnerAndUnreachableClustersAreNamed(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(2).kubeconfig(dir.resolve("kubeconfig")).withoutSimulation().start()) {
            Map<String, ClusterCerts> certs = CertStore.forPlan(PLAN, dir.resolve("certs"), KeyType.EC_P256);
            Rendering rendering = new Rendering(PLAN, certs, ManifestRenderer.render(PLAN, certs));
            KubernetesClient east = demo.server("demo-cluster-1").adminClient();
            east.resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata().build()).create();
            east.resource(new SecretBuilder().withNewMetadata().withName("cacerts").withNamespace("istio-system")
                    .addToLabels("app.kubernetes.io/managed-by", "Helm").endMetadata().addToStringData("root-cert.pem", "theirs").build()).create();

            LiveDiffService.Result result = LiveDiffService.diffEngine().diff(rendering, Kubeconfigs.of(List.of(demo.kubeconfig())));

            long applied = rendering.mesh().all().stream().filter(m -> m.method() != ApplyMethod.ALTERNATIVE).count();
            assertEquals(applied, result.objects().size(), "a badge for every file apply sends: " + result.objects());
            Map<String, ObjectDiff> byKey = new java.util.HashMap<>();
            result.objects().forEach(d -> byKey.put(d.key(), d));
            ObjectDiff cacerts = byKey.get(PreviewFile.key("east", "Secret", "istio-system", "cacerts"));
            assertEquals(ObjectDiff.Change.NOT_OWNED, cacerts.change());
            assertTrue(cacerts.detail().contains("managed by Helm"), cacerts.detail());
            assertEquals("not-owned", cacerts.change().label());
            ObjectDiff namespace = byKey.get(PreviewFile.key("east", "Namespace", "", "istio-system"));
            assertEquals(ObjectDiff.Change.UPDATE, namespace.change(), "labels to add to an existing namespace");
            assertTrue(namespace.detail().startsWith("changes ") && namespace.detail().contains("metadata.labels"), namespace.detail());
            assertEquals(ObjectDiff.Change.CREATE, byKey.get(PreviewFile.key("west", "Service", "istio-system", "istio-eastwestgateway")).change());
            rendering.mesh().manifests("west").stream().filter(m -> m.method() == ApplyMethod.ISTIOCTL).forEach(m ->
                    assertEquals(ObjectDiff.Change.CREATE, byKey.get(PreviewFile.key("west", m.kind(), m.namespace(), m.name())).change(),
                            "the control plane goes in as a resource on demo clusters"));
            assertTrue(result.problems().isEmpty());

            demo.server("demo-cluster-2").stop();
            LiveDiffService.Result down = LiveDiffService.diffEngine().diff(rendering, Kubeconfigs.of(List.of(demo.kubeconfig())));
            assertTrue(down.objects().stream().noneMatch(d -> d.cluster().equals("west")));
            assertEquals(1, down.problems().size());
            assertTrue(down.problems().get(0).contains("west"), down.problems().get(0));
        }
    }
}
