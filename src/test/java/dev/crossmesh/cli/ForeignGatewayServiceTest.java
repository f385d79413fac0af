package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.render.Labels;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** Someone else's ClusterIP Service where the east-west gateway's goes: refused at once, no wait for an address. */
class ForeignGatewayServiceTest {
    @Test
    void aForeignClusterIpServiceIsRefusedWithoutWaitingForAnAddress(@TempDir Path dir) throws Exception {
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            var admin = s.demo().server("demo-cluster-1").adminClient();
            admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("istio-system")
                    .endMetadata().build()).create();
            admin.services().inNamespace("istio-system").resource(new ServiceBuilder().withNewMetadata().withName(Labels.EASTWEST_NAME)
                    .withLabels(Map.of("team", "net")).endMetadata().withNewSpec().withType("ClusterIP").addNewPort().withPort(15443)
                    .endPort().endSpec().build()).create();
            long start = System.nanoTime();
            CliRunner.Result r = s.run("apply", "--yes", "--wait", "120");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals(1, r.code(), r.all());
            assertTrue(seconds < 30, "no 120 s wait for an address of a Service crossmesh does not own: " + seconds + " s\n" + r.all());
            assertTrue(r.all().contains("Service istio-system/" + Labels.EASTWEST_NAME), r.all());
            assertFalse(r.all().contains("set gateway.serviceType: NodePort"), "no NodePort advice for someone else's Service: " + r.all());
            assertEquals("ClusterIP", admin.services().inNamespace("istio-system").withName(Labels.EASTWEST_NAME).get().getSpec().getType(),
                    "the foreign Service is left as it is");
        }
    }
}
