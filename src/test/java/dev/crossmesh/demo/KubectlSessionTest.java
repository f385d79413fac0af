package dev.crossmesh.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.PodBuilder;

/**
 * A trainer's kubectl session on a demo cluster, with every kubectl 1.27 to 1.33 installed here: what kubectl prints
 * (its columns, its messages) is what it prints on a real cluster, and nothing prints the store.
 */
class KubectlSessionTest {
    private static final String CONTEXT = "demo-cluster-1";
    private static final String MANIFEST = """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              type: LoadBalancer
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080, protocol: TCP}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-0, labels: {app: web}}
            spec:
              containers: [{name: web, image: nginx}]
            ---
            apiVersion: v1
            kind: Event
            metadata: {name: web-0.started}
            involvedObject: {kind: Pod, name: web-0, apiVersion: v1}
            type: Normal
            reason: Started
            message: simulated start
            lastTimestamp: "2026-01-01T00:00:00Z"
            """;
    @TempDir
    static Path dir;
    private static DemoClusters demo;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = SimulatedControlPlaneTest.fastDemo(dir, 1).start();
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    static List<Kubectl> kubectls() {
        return Kubectl.every().toList();
    }

    /** A namespace of the version's own, with a deployment, a service, a pod, a secret and an event in it. */
    private static String session(Kubectl kubectl) {
        String ns = "session-" + kubectl.version().replace('.', '-');
        if (demo.server(CONTEXT).adminClient().namespaces().withName(ns).get() == null) {
            ok(kubectl.run(demo, CONTEXT, "create", "namespace", ns));
            ok(kubectl.run(demo, CONTEXT, "-n", ns, "create", "deployment", "web", "--image=nginx"));
            ok(kubectl.run(demo, CONTEXT, "-n", ns, "create", "secret", "generic", "creds", "--from-literal=user=trainer"));
            ok(kubectl.runWithInput(demo, CONTEXT, MANIFEST, "-n", ns, "apply", "-f", "-"));
        }
        return ns;
    }

    @ParameterizedTest
    @MethodSource("kubectls")
    void getPrintsTheColumnsOfARealCluster(Kubectl kubectl) {
        String ns = session(kubectl);
        assertHeader(kubectl, "NAME READY STATUS RESTARTS AGE", "-n", ns, "get", "pods");
        assertHeader(kubectl, "NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE", "-n", ns, "get", "svc");
        assertHeader(kubectl, "NAME READY UP-TO-DATE AVAILABLE AGE", "-n", ns, "get", "deploy");
        assertHeader(kubectl, "NAME TYPE DATA AGE", "-n", ns, "get", "secrets");
        assertHeader(kubectl, "NAME STATUS AGE", "get", "ns");
        assertHeader(kubectl, "NAME STATUS ROLES AGE VERSION", "get", "nodes");
        assertHeader(kubectl, "LAST SEEN TYPE REASON OBJECT MESSAGE", "-n", ns, "get", "events");
        assertHeader(kubectl, "NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES", "-n", ns, "get", "pods", "-o", "wide");

        String services = ok(kubectl.run(demo, CONTEXT, "-n", ns, "get", "svc", "web")).out();
        assertTrue(Pattern.compile("web\\s+LoadBalancer\\s+\\S+\\s+\\S+\\s+80/TCP").matcher(services).find(), services);
        String secrets = ok(kubectl.run(demo, CONTEXT, "-n", ns, "get", "secret", "creds")).out();
        assertTrue(Pattern.compile("creds\\s+Opaque\\s+1\\s").matcher(secrets).find(), secrets);
        String events = ok(kubectl.run(demo, CONTEXT, "-n", ns, "get", "events")).out();
        assertTrue(Pattern.compile("Normal\\s+Started\\s+pod/web-0\\s+simulated start").matcher(events).find(), events);
        String all = ok(kubectl.run(demo, CONTEXT, "-n", ns, "get", "all")).out();
        assertTrue(all.contains("pod/web-0") && all.contains("service/web") && all.contains("deployment.apps/web"), all);
        String yaml = ok(kubectl.run(demo, CONTEXT, "-n", ns, "get", "pod", "web-0", "-o", "yaml")).out();
        assertTrue(yaml.contains("kind: Pod") && yaml.contains("name: web-0"), yaml);
        String across = ok(kubectl.run(demo, CONTEXT, "get", "pods", "-A")).out();
        assertTrue(across.startsWith("NAMESPACE") && across.contains(ns), across);
    }

    @ParameterizedTest
    @MethodSource("kubectls")
    void createDescribeLogsAndCanI(Kubectl kubectl) {
        String ns = session(kubectl);
        assertEquals("configmap/settings created", ok(kubectl.run(demo, CONTEXT, "-n", ns, "create", "configmap", "settings",
                "--from-literal=mode=demo")).out().trim());
        assertEquals("yes", ok(kubectl.run(demo, CONTEXT, "auth", "can-i", "create", "pods")).out().trim());
        String rules = ok(kubectl.run(demo, CONTEXT, "auth", "can-i", "--list")).out();
        assertTrue(Pattern.compile("(?m)^\\*\\.\\*\\s+\\[\\]\\s+\\[\\]\\s+\\[\\*\\]").matcher(rules).find(), rules);
        if (!kubectl.version().equals("1.27")) { // 1.27 asks authentication.k8s.io/v1beta1, which a 1.30 server no longer serves
            String whoami = ok(kubectl.run(demo, CONTEXT, "auth", "whoami")).out();
            assertTrue(whoami.contains("kubernetes-admin") && whoami.contains("system:masters"), whoami);
        }
        Kubectl.Run misspelt = kubectl.runWithInput(demo, CONTEXT, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: misspelt}\ndatta: {a: b}\n",
                "-n", ns, "apply", "--validate=strict", "-f", "-");
        assertFalse(misspelt.ok(), misspelt.toString());
        assertTrue(misspelt.err().contains("unknown field \"datta\""), misspelt.toString());
        String described = ok(kubectl.run(demo, CONTEXT, "-n", ns, "describe", "pod", "web-0")).out();
        assertTrue(described.contains("Name:") && described.contains("web-0") && described.contains("Containers:"), described);
        String describedService = ok(kubectl.run(demo, CONTEXT, "-n", ns, "describe", "svc", "web")).out();
        assertTrue(describedService.contains("LoadBalancer"), describedService);
        String logs = ok(kubectl.run(demo, CONTEXT, "-n", ns, "logs", "web-0")).out();
        assertTrue(logs.contains("simulated by the crossmesh demo cluster") && logs.contains("runs no containers"), logs);
        assertFalse(logs.contains("{"), logs);
        Kubectl.Run missing = kubectl.run(demo, CONTEXT, "-n", ns, "logs", "no-such-pod");
        assertFalse(missing.ok(), missing.toString());
        assertTrue(missing.err().contains("not found"), missing.toString());
    }

    @ParameterizedTest
    @MethodSource("kubectls")
    void discoveryExplainAndClusterInfo(Kubectl kubectl) {
        String resources = ok(kubectl.run(demo, CONTEXT, "api-resources")).out();
        assertTrue(Pattern.compile("(?m)^pods\\s+po\\s+v1\\s+true\\s+Pod$").matcher(resources).find(), resources);
        assertTrue(Pattern.compile("(?m)^deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment$").matcher(resources).find(), resources);
        String versions = ok(kubectl.run(demo, CONTEXT, "api-versions")).out();
        assertTrue(versions.lines().toList().containsAll(List.of("v1", "apps/v1", "networking.istio.io/v1")), versions);
        String explained = ok(kubectl.run(demo, CONTEXT, "explain", "pods.spec.containers")).out();
        assertTrue(Pattern.compile("KIND:\\s+Pod").matcher(explained).find() && explained.contains("image"), explained);
        String info = ok(kubectl.run(demo, CONTEXT, "cluster-info")).out().replaceAll("\u001B\\[[0-9;]*m", "");
        assertTrue(info.contains("Kubernetes control plane is running at " + demo.server(CONTEXT).url()), info);
    }

    @ParameterizedTest
    @MethodSource("kubectls")
    void rawEndpointsAnswerAsAnApiServer(Kubectl kubectl) {
        assertEquals("ok", ok(kubectl.run(demo, CONTEXT, "get", "--raw", "/healthz")).out());
        String ready = ok(kubectl.run(demo, CONTEXT, "get", "--raw", "/readyz?verbose")).out();
        assertTrue(ready.contains("[+]ping ok") && ready.trim().endsWith("readyz check passed"), ready);
        assertTrue(ok(kubectl.run(demo, CONTEXT, "get", "--raw", "/version")).out().contains("\"gitVersion\""));
        Kubectl.Run metrics = kubectl.run(demo, CONTEXT, "get", "--raw", "/metrics");
        assertFalse(metrics.ok(), metrics.toString());
        assertTrue(metrics.err().contains("NotFound"), metrics.toString());
        assertFalse(metrics.out().contains("items"), metrics.toString());
    }

    @ParameterizedTest
    @MethodSource("kubectls")
    void getWatchSeesACreate(Kubectl kubectl) throws Exception {
        String ns = session(kubectl);
        String name = "watched-" + System.nanoTime();
        CompletableFuture<Void> create = CompletableFuture.runAsync(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            demo.server(CONTEXT).adminClient().pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
                    .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build()).create();
        });
        Kubectl.Run watch = kubectl.run(demo, CONTEXT, "-n", ns, "get", "pods", "-w", "--request-timeout=4s");
        create.get(10, TimeUnit.SECONDS);
        assertTrue(watch.out().startsWith("NAME") && watch.out().contains("web-0"), watch.toString());
        assertTrue(watch.out().contains(name), "the watch saw the pod created while it ran: " + watch);
        assertEquals(1, watch.out().lines().filter(l -> l.startsWith("web-0 ")).count(), "the listed pod once: " + watch);
    }

    private static void assertHeader(Kubectl kubectl, String header, String... args) {
        Kubectl.Run run = ok(kubectl.run(demo, CONTEXT, args));
        String first = run.out().lines().findFirst().orElse("").trim().replaceAll("\\s{2,}", " ");
        assertEquals(header, first, run.toString());
    }

    private static Kubectl.Run ok(Kubectl.Run run) {
        assertTrue(run.ok(), run.toString());
        return run;
    }
}
