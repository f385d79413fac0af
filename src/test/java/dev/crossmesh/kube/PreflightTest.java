package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanCodes;
import dev.crossmesh.plan.Severity;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;

class PreflightTest {
    static List<Finding> withCode(PreflightReport report, String code) {
        return report.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    @Test
    void aCleanDemoMeshPasses(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir)) {
            PreflightReport report = new Preflight(mesh.clients).run(mesh.plan);
            assertFalse(report.hasErrors(), report.findings().toString());
            assertEquals(0, report.warningCount(), report.findings().toString());
            ClusterCheck one = report.clusters().get(0);
            assertTrue(one.reachable());
            assertEquals("v1.30.4", one.kubernetesVersion());
            assertEquals(mesh.server(1).url(), one.server());
            assertTrue(one.controlPlane().contains("operator path: demo cluster"), one.controlPlane());
            assertTrue(one.notes().stream().anyMatch(n -> n.contains("demo cluster")), one.notes().toString());
        }
    }

    @Test
    void conflictsInTheClustersAreFound(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(3, dir)) {
            mesh.server(1).deny("create", "secrets");
            mesh.server(1).deny("create", "clusterroles");
            var two = mesh.server(2).adminClient();
            two.resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").addToLabels("topology.istio.io/network", "vpc-9")
                    .endMetadata().build()).create();
            two.resource(new ConfigMapBuilder().withNewMetadata().withName("istio-sidecar-injector").withNamespace("istio-system").endMetadata()
                    .addToData("values", "{\"global\":{\"meshID\":\"other-mesh\",\"multiCluster\":{\"clusterName\":\"east\"},\"network\":\"vpc-9\"}}")
                    .build()).create();
            // two roots: cluster-3 already runs with its own plug-in CA
            var other = CertStore.forPlan(mesh.plan, dir.resolve("other-ca"), KeyType.EC_P256);
            mesh.server(3).adminClient().resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata().build()).create();
            mesh.server(3).adminClient().resource(new SecretBuilder().withNewMetadata().withName("cacerts").withNamespace("istio-system").endMetadata()
                    .addToStringData("root-cert.pem", other.get("cluster-3").rootCertPem()).build()).create();
            two.resource(new ConfigMapBuilder().withNewMetadata().withName("istio-ca-root-cert").withNamespace("istio-system").endMetadata()
                    .addToData("root-cert.pem", mesh.certs.get("cluster-2").rootCertPem()).build()).create();

            PreflightReport report = new Preflight(mesh.clients).run(mesh.plan.withCa(CaMode.EXISTING));
            report.findings().forEach(f -> System.out.println(f.toLine()));
            Finding denied = withCode(report, PreflightCodes.PERMISSION_DENIED).get(0);
            assertEquals("cluster-1", denied.cluster());
            assertTrue(denied.message().contains("create secrets in namespace istio-system") && denied.message().contains("create clusterroles.rbac.authorization.k8s.io (cluster-wide)"),
                    denied.message());
            List<Finding> network = withCode(report, PreflightCodes.NETWORK_CONFLICT);
            assertEquals(2, network.size(), "the label and the installed Istio");
            assertTrue(network.get(0).message().contains("topology.istio.io/network=vpc-9") && network.get(0).message().contains("'net-2'"));
            assertEquals("clusters[1].network", network.get(0).path());
            assertTrue(withCode(report, PreflightCodes.MESH_ID_CONFLICT).get(0).message().contains("meshID 'other-mesh'"));
            assertTrue(withCode(report, PreflightCodes.CLUSTER_NAME_CONFLICT).get(0).message().contains("clusterName 'east'"));
            Finding roots = withCode(report, PreflightCodes.ROOT_CERT_MISMATCH).get(0);
            assertEquals(Severity.ERROR, roots.severity());
            assertTrue(roots.message().contains("cluster-2 (istio-ca-root-cert)") && roots.message().contains("cluster-3 (cacerts)"), roots.message());
            assertTrue(report.hasErrors());

            // with ca: shared-root, crossmesh replaces the roots: a warning, and the foreign cacerts is named
            PreflightReport shared = new Preflight(mesh.clients).run(mesh.plan);
            assertEquals(Severity.WARNING, withCode(shared, PreflightCodes.ROOT_CERT_MISMATCH).get(0).severity());
            assertEquals("cluster-3", withCode(shared, PreflightCodes.CACERTS_NOT_OWNED).get(0).cluster());
        }
    }

    @Test
    void unreachableUnknownAndDuplicateClusters(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir)) {
            // a third context pointing at cluster-1's API server, and a cluster whose context does not exist
            Files.writeString(mesh.kubeconfig(), Files.readString(mesh.kubeconfig()).replace("contexts:\n",
                    "contexts:\n- name: alias-of-1\n  context: {cluster: demo-cluster-1, user: demo-cluster-1-admin}\n"));
            MeshPlan plan = mesh.plan.withClusters(List.of(mesh.plan.clusters().get(0), mesh.plan.clusters().get(1),
                    new ClusterSpec("cluster-3", "alias-of-1", "net-3"), new ClusterSpec("cluster-4", "nowhere", "net-4")));
            mesh.server(2).stop();
            long t0 = System.nanoTime();
            PreflightReport report = new Preflight(mesh.clients).run(plan);
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 15, "a dead cluster costs seconds");
            report.findings().forEach(f -> System.out.println(f.toLine()));
            Finding down = withCode(report, PreflightCodes.UNREACHABLE).get(0);
            assertEquals("cluster-2", down.cluster());
            assertTrue(down.message().startsWith("cluster cluster-2 (" + mesh.server(2).url() + ") did not answer"), down.message());
            assertFalse(report.clusters().get(1).reachable());
            assertFalse(report.clusters().get(1).error().isEmpty());
            Finding unknown = withCode(report, PreflightCodes.CONTEXT_UNKNOWN).get(0);
            assertEquals("clusters[3].context", unknown.path());
            assertTrue(unknown.message().contains("'nowhere'"), unknown.message());
            Finding same = withCode(report, PreflightCodes.SAME_API_SERVER).get(0);
            assertTrue(same.message().contains("cluster-1 (context demo-cluster-1) and cluster-3 (context alias-of-1)"), same.message());
        }
    }

    @Test
    void planFindingsComeFirst(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir)) {
            MeshPlan bad = mesh.plan.withMeshId("Bad_Mesh");
            PreflightReport report = new Preflight(mesh.clients).run(bad);
            assertEquals(PlanCodes.MESH_ID, report.findings().get(0).code());
            assertTrue(report.clusters().stream().allMatch(ClusterCheck::reachable), "clusters are still checked");
        }
    }

}
