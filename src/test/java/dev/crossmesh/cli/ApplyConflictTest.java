package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user who changed crossmesh's fields with kubectl is told, not silently undone: real kubectl against demo clusters,
 * then the CLI's apply, diff and apply --force.
 */
class ApplyConflictTest {
    static final String ANNOTATION = "networking.gke.io/load-balancer-type";

    @Test
    void anAnnotationKubectlChangedIsAConflictNamingKubectlAndForceTakesIt(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed here: this test needs a real kubectl");
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            Files.writeString(s.plan(), Files.readString(s.plan()) + "gateway:\n  serviceType: LoadBalancer\n  annotations: {" + ANNOTATION + ": Internal}\n");
            CliRunner.Result first = s.run("apply", "--yes", "--wait", "10");
            assertEquals(0, first.code(), first.all());

            String managed = kubectl(s, 0, "get", "service", "istio-eastwestgateway", "-n", "istio-system", "--show-managed-fields", "-o", "yaml");
            assertTrue(managed.contains("manager: crossmesh") && managed.contains("operation: Apply"), managed);

            kubectl(s, 0, "annotate", "--overwrite", "service", "istio-eastwestgateway", "-n", "istio-system", ANNOTATION + "=External");

            CliRunner.Result diff = s.run("diff");
            assertTrue(diff.out().contains("! conflict   Service istio-system/istio-eastwestgateway: metadata.annotations." + ANNOTATION
                    + " (owned by kubectl-annotate)"), diff.out());

            CliRunner.Result refused = s.run("apply", "--yes", "--wait", "10");
            assertEquals(1, refused.code(), refused.all());
            assertTrue(refused.out().contains("kubectl-annotate set metadata.annotations." + ANNOTATION), refused.out());
            assertTrue(refused.out().contains("--force"), refused.out());
            assertEquals("External", kubectl(s, 0, "get", "service", "istio-eastwestgateway", "-n", "istio-system",
                    "-o", "jsonpath={.metadata.annotations.networking\\.gke\\.io/load-balancer-type}").trim(), "left as kubectl set it");
            assertFalse(refused.all().contains("Exception"), refused.all());

            CliRunner.Result forced = s.run("apply", "--yes", "--force", "--wait", "10");
            assertEquals(0, forced.code(), forced.all());
            assertTrue(forced.out().contains("takes from kubectl-annotate"), forced.out());
            assertEquals("Internal", kubectl(s, 0, "get", "service", "istio-eastwestgateway", "-n", "istio-system",
                    "-o", "jsonpath={.metadata.annotations.networking\\.gke\\.io/load-balancer-type}").trim());
            CliRunner.Result clean = s.run("diff");
            assertTrue(clean.out().contains("no changes") || !clean.out().contains("conflict"), clean.out());
        }
    }

    static String kubectl(KubeCommandsTest.Setup s, int expectedExit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", s.demo().kubeconfig().toString(), "--context", "demo-cluster-1",
                "--request-timeout", "20s"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
        }
        assertEquals(expectedExit, p.exitValue(), "kubectl " + String.join(" ", args) + ": " + out);
        return out;
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
