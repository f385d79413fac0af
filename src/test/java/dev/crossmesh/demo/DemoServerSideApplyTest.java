package dev.crossmesh.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.Kubeconfigs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** Server-side apply on a demo cluster through fabric8, the way crossmesh applies (issue 17). */
class DemoServerSideApplyTest {

    private static ConfigMap config(String... annotations) {
        ConfigMapBuilder b = new ConfigMapBuilder().withNewMetadata().withName("gw").withNamespace("default").endMetadata().addToData("a", "1");
        for (int i = 0; i < annotations.length; i += 2) {
            b.editMetadata().addToAnnotations(annotations[i], annotations[i + 1]).endMetadata();
        }
        return b.build();
    }

    @Test
    void applyOwnsRemovesConflictsAndForces(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(1).kubeconfig(dir.resolve("k")).withoutSimulation().start();
             ClusterClients clients = new ClusterClients(Kubeconfigs.of(List.of(demo.kubeconfig())))) {
            KubernetesClient client = clients.client("demo-cluster-1");
            var cms = client.configMaps().inNamespace("default");
            cms.resource(config("x", "1", "y", "2")).fieldManager("crossmesh").serverSideApply();
            ConfigMap applied = cms.withName("gw").get();
            ManagedFieldsEntry entry = applied.getMetadata().getManagedFields().get(0);
            assertEquals("crossmesh", entry.getManager());
            assertEquals("Apply", entry.getOperation());

            String version = applied.getMetadata().getResourceVersion();
            cms.resource(config("x", "1", "y", "2")).fieldManager("crossmesh").serverSideApply();
            assertEquals(version, cms.withName("gw").get().getMetadata().getResourceVersion(), "an unchanged apply writes nothing");

            cms.resource(config("x", "1")).fieldManager("crossmesh").serverSideApply();
            assertNull(cms.withName("gw").get().getMetadata().getAnnotations().get("y"), "an annotation no longer applied is removed");

            // what `kubectl annotate --overwrite x=2` sends
            cms.withName("gw").patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("kubectl-annotate").build(),
                    "{\"metadata\":{\"annotations\":{\"x\":\"2\"}}}");
            KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
                    () -> cms.resource(config("x", "1")).fieldManager("crossmesh").serverSideApply());
            assertEquals(409, conflict.getCode());
            assertEquals("Apply failed with 1 conflict: conflict with \"kubectl-annotate\" using v1: .metadata.annotations.x",
                    conflict.getStatus().getMessage());
            StatusCause cause = conflict.getStatus().getDetails().getCauses().get(0);
            assertEquals(".metadata.annotations.x", cause.getField());
            assertEquals("FieldManagerConflict", cause.getReason());

            cms.resource(config("x", "1")).fieldManager("crossmesh").forceConflicts().serverSideApply();
            ConfigMap forced = cms.withName("gw").get();
            assertEquals("1", forced.getMetadata().getAnnotations().get("x"));
            assertTrue(forced.getMetadata().getManagedFields().stream().noneMatch(e -> e.getManager().equals("kubectl-annotate")));
        }
    }

    @Test
    void anObjectMadeByAnUpdateIsSharedWhenTheApplySetsTheSameValues(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(1).kubeconfig(dir.resolve("k")).withoutSimulation().start();
             ClusterClients clients = new ClusterClients(Kubeconfigs.of(List.of(demo.kubeconfig())))) {
            var cms = clients.client("demo-cluster-1").configMaps().inNamespace("default");
            cms.resource(config("x", "1")).create();
            ConfigMap created = cms.withName("gw").get();
            assertEquals("Update", created.getMetadata().getManagedFields().get(0).getOperation());
            cms.resource(config("x", "1")).fieldManager("crossmesh").serverSideApply();
            assertEquals(2, cms.withName("gw").get().getMetadata().getManagedFields().size(), "the old PUT manager and crossmesh share the fields");
        }
    }
}
