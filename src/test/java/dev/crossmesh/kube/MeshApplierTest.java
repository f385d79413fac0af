package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.KubernetesClient;

class MeshApplierTest {
    static final ApplyOptions QUICK = ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(10));

    @Test
    void appliesEverythingThenReapplyChangesNothing(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult first = new MeshApplier(mesh.clients).apply(mesh.plan, mesh.certs, QUICK, events::add, CancelToken.none());
            events.forEach(e -> System.out.println(e.toLine()));
            assertTrue(first.succeeded(), first.toString());
            assertTrue(first.changedAnything());
            assertEquals(Map.of("cluster-1", "172.18.0.11", "cluster-2", "172.18.0.12"), first.gatewayAddresses());

            KubernetesClient one = mesh.server(1).adminClient();
            assertEquals("net-1", one.namespaces().withName("istio-system").get().getMetadata().getLabels().get("topology.istio.io/network"));
            assertNotNull(one.secrets().inNamespace("istio-system").withName("cacerts").get());
            assertNotNull(one.secrets().inNamespace("istio-system").withName("istio-remote-secret-cluster-2").get());
            assertNotNull(mesh.server(2).adminClient().secrets().inNamespace("istio-system").withName("istio-remote-secret-cluster-1").get());

            events.clear();
            ApplyResult second = new MeshApplier(mesh.clients).apply(mesh.plan, mesh.certs, QUICK, events::add, CancelToken.none());
            events.forEach(e -> System.out.println(e.toLine()));
            assertTrue(second.succeeded(), second.toString());
            assertFalse(second.changedAnything(), second.summary());
        }
    }
}
