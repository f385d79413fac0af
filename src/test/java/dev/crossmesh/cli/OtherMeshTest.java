package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Two crossmesh meshes on the same clusters: the second plan (another meshId) is an error in preflight naming the
 * first mesh, its apply changes nothing of the first without --force, and its uninstall leaves the first's labels.
 */
class OtherMeshTest {

    private static Map<String, String> istioSystemLabels(KubeCommandsTest.Setup s, int i) {
        KubernetesClient admin = s.demo().server("demo-cluster-" + i).adminClient();
        return admin.namespaces().withName("istio-system").get().getMetadata().getLabels();
    }

    private static String[] intruder(KubeCommandsTest.Setup s, Path plan, Path dir, boolean keyType) {
        String[] common = {"--plan", plan.toString(), "--kubeconfig", s.demo().kubeconfig().toString(),
                "--certs", dir.resolve("certs-intruder").toString()};
        return keyType ? KubeCommandsTest.concat(common, new String[] {"--ca-key-type", "ec-p256"}) : common;
    }

    @Test
    void aSecondMeshLeavesTheFirstAlone(@TempDir Path dir) throws Exception {
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            CliRunner.Result first = s.run("apply", "--yes");
            assertEquals(0, first.code(), first.all());
            Map<String, String> before = istioSystemLabels(s, 1);
            assertEquals("mesh1", before.get("crossmesh.dev/mesh"));
            String secretsBefore = s.demo().server("demo-cluster-1").adminClient().secrets().inNamespace("istio-system").list()
                    .getItems().stream().map(x -> x.getMetadata().getName()).sorted().toList().toString();

            Path other = Files.writeString(dir.resolve("other.yaml"), Files.readString(s.plan())
                    .replace("meshId: mesh1", "meshId: mesh2").replace("net-1", "net-x").replace("name: cluster-2,", "name: cluster-b,"));
            CliRunner.Result preflight = CliRunner.run(KubeCommandsTest.concat(new String[] {"preflight"}, intruder(s, other, dir, false)));
            assertNotEquals(0, preflight.code(), preflight.all());
            assertTrue(preflight.out().contains("CM032"), preflight.all());
            assertTrue(preflight.out().contains("holds another crossmesh mesh, 'mesh1'"), preflight.all());

            CliRunner.Result apply = CliRunner.run(KubeCommandsTest.concat(new String[] {"apply", "--yes"}, intruder(s, other, dir, true)));
            assertNotEquals(0, apply.code(), apply.all());
            assertTrue(apply.all().contains("another crossmesh mesh, 'mesh1'"), apply.all());
            assertEquals(before, istioSystemLabels(s, 1), "istio-system keeps mesh1's mesh and network labels");
            assertEquals(secretsBefore, s.demo().server("demo-cluster-1").adminClient().secrets().inNamespace("istio-system").list()
                    .getItems().stream().map(x -> x.getMetadata().getName()).sorted().toList().toString(), "no remote secret of mesh2");

            CliRunner.Result uninstall = CliRunner.run("uninstall", "--yes", "--plan", other.toString(),
                    "--kubeconfig", s.demo().kubeconfig().toString());
            assertEquals(before, istioSystemLabels(s, 1), "uninstalling mesh2 strips nothing of mesh1: " + uninstall.all());
            assertFalse(uninstall.all().contains("Exception"), uninstall.all());

            CliRunner.Result again = s.run("diff");
            assertTrue(again.out().contains(" 0 to create, 0 to update"), again.all());
        }
    }
}
