package dev.crossmesh.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kubectl exec} into a demo pod: kubectl 1.30 and later stream it over a WebSocket (v5.channel.k8s.io), and the
 * command's output and exit code come back as from a kubelet; older kubectl speaks only SPDY, which the demo does not
 * serve, and gets a 400 that says so (never a bare 405 or an empty "Error from server").
 */
class KubectlExecTest {
    private static final String CONTEXT = "demo-cluster-1";
    @TempDir
    static Path dir;
    private static DemoClusters demo;
    private static String pod;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = SimulatedControlPlaneTest.fastDemo(dir, 1).start();
        var client = demo.server(CONTEXT).adminClient();
        client.apps().deployments().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withName("client").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "client").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "client").endMetadata()
                .withNewSpec().addNewContainer().withName("curl").withImage("curlimages/curl:8.11.1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        pod = Await.until("a running client pod", () -> client.pods().inNamespace("default").withLabel("app", "client").list().getItems(),
                pods -> pods.stream().anyMatch(p -> "Running".equals(p.getStatus().getPhase()))).get(0).getMetadata().getName();
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    static Stream<Kubectl> versions() {
        return Kubectl.every();
    }

    @ParameterizedTest
    @MethodSource("versions")
    void execRunsOverWebSocketsOrSaysWhyNot(Kubectl kubectl) {
        Kubectl.Run run = kubectl.run(demo, CONTEXT, "-n", "default", "exec", pod, "--", "ls", "/");
        int minor = Integer.parseInt(kubectl.version().substring(2));
        if (minor >= 30) {
            // the demo container runs curl only: the kubelet's answer for a missing program, and kubectl exits with its code
            assertEquals(126, run.exit(), run.toString());
            assertTrue(run.err().contains("executable file not found in $PATH") && run.err().contains("exit code 126"), run.toString());
            Kubectl.Run curl = kubectl.run(demo, CONTEXT, "-n", "default", "exec", pod, "--", "curl", "-s", "-o", "/dev/null",
                    "-w", "%{http_code}", "http://nowhere.default:80/");
            assertTrue(curl.err().contains("command terminated with exit code"), curl.toString());
        } else {
            assertEquals(1, run.exit(), run.toString());
            assertTrue(run.err().contains("streams exec over WebSocket only (kubectl 1.30 and later)"), run.toString());
        }
    }
}
