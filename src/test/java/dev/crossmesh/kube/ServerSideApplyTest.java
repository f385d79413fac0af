package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.plan.GatewaySpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.Manifest;
import dev.crossmesh.render.ManifestRenderer;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/** What server-side apply as field manager crossmesh means for users, against demo clusters. */
class ServerSideApplyTest {
    static final String GATEWAY = "istio-eastwestgateway";

    static Service gatewayService(KubernetesClient c) {
        return c.services().inNamespace("istio-system").withName(GATEWAY).get();
    }

    static List<String> managers(Service s) {
        return s.getMetadata().getManagedFields().stream().map(m -> m.getManager() + "/" + m.getOperation()).toList();
    }

    @Test
    void anAnnotationDroppedFromThePlanIsRemovedAndTheFieldsAreCrossmeshs(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            MeshPlan annotated = mesh.plan.withGateway(new GatewaySpec(mesh.plan.gateway().serviceType(),
                    Map.of("networking.gke.io/load-balancer-type", "Internal", "example.com/team", "mesh")));
            assertTrue(MeshApplierTest.apply(mesh, annotated, MeshApplierTest.QUICK, new CopyOnWriteArrayList<>()).succeeded());
            KubernetesClient one = mesh.server(1).adminClient();
            assertEquals("mesh", gatewayService(one).getMetadata().getAnnotations().get("example.com/team"));
            assertTrue(managers(gatewayService(one)).contains("crossmesh/Apply"), managers(gatewayService(one)).toString());

            MeshPlan fewer = mesh.plan.withGateway(new GatewaySpec(mesh.plan.gateway().serviceType(),
                    Map.of("networking.gke.io/load-balancer-type", "Internal")));
            MeshDiff diff = new DiffEngine(mesh.clients).diff(Rendered.mesh(fewer, mesh.certs), ApplyOptions.defaults());
            ObjectChange service = diff.clusters().get(0).changes().stream()
                    .filter(c -> c.object().equals("Service istio-system/" + GATEWAY)).findFirst().orElseThrow();
            assertEquals(ChangeKind.UPDATE, service.change());
            assertEquals(List.of("metadata.annotations.example.com/team (removed)"), service.fields());

            assertTrue(MeshApplierTest.apply(mesh, fewer, MeshApplierTest.QUICK, new CopyOnWriteArrayList<>()).succeeded());
            Map<String, String> annotations = gatewayService(one).getMetadata().getAnnotations();
            assertFalse(annotations.containsKey("example.com/team"), annotations.toString());
            assertEquals("Internal", annotations.get("networking.gke.io/load-balancer-type"));
            assertFalse(new DiffEngine(mesh.clients).diff(Rendered.mesh(fewer, mesh.certs), ApplyOptions.defaults()).hasChanges());
        }
    }

    @Test
    void anObjectTheOldPutPathMadeIsTakenOverWithoutAConflict(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            KubernetesClient one = mesh.server(1).adminClient();
            // what crossmesh did before server-side apply: a plain create through fabric8 (no field manager), here with
            // an annotation and a port the plan has since dropped or changed
            one.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata().build()).create();
            Manifest rendered = ManifestRenderer.render(mesh.plan, mesh.certs).manifests("cluster-1").stream()
                    .filter(m -> m.kind().equals("Service") && m.name().equals(GATEWAY)).findFirst().orElseThrow();
            Service old = Serialization.unmarshal(Serialization.asJson(rendered.object()), Service.class);
            old.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of("example.com/old", "x")));
            old.getSpec().getPorts().stream().filter(p -> p.getName().equals("tls")).forEach(p -> p.setTargetPort(new io.fabric8.kubernetes.api.model.IntOrString(8443)));
            one.services().resource(old).create();
            assertEquals(List.of(LegacyFieldOwner.MANAGER + "/Update"), managers(gatewayService(one)));

            MeshDiff diff = new DiffEngine(mesh.clients).diff(Rendered.mesh(mesh.plan, mesh.certs), ApplyOptions.defaults());
            ObjectChange service = diff.clusters().get(0).changes().stream()
                    .filter(c -> c.object().equals("Service istio-system/" + GATEWAY)).findFirst().orElseThrow();
            assertEquals(ChangeKind.UPDATE, service.change(), service.toLine());
            assertTrue(service.fields().contains("metadata.annotations.example.com/old (removed)"), service.fields().toString());
            assertTrue(service.reason().contains("before it used server-side apply"), service.reason());

            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult result = MeshApplierTest.apply(mesh, MeshApplierTest.QUICK, events);
            assertTrue(result.succeeded(), result.toString());
            Service now = gatewayService(one);
            assertEquals(List.of("crossmesh/Apply"), managers(now), "the old manager's fields are crossmesh's now");
            assertFalse(now.getMetadata().getAnnotations() != null && now.getMetadata().getAnnotations().containsKey("example.com/old"));
            assertEquals(15443, now.getSpec().getPorts().stream().filter(p -> p.getName().equals("tls")).findFirst().orElseThrow()
                    .getTargetPort().getIntVal());
            assertFalse(new DiffEngine(mesh.clients).diff(Rendered.mesh(mesh.plan, mesh.certs), ApplyOptions.defaults()).hasChanges());
            for (ManagedFieldsEntry e : now.getMetadata().getManagedFields()) {
                assertEquals("FieldsV1", e.getFieldsType());
            }
        }
    }
}
