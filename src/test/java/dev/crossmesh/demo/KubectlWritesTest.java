package dev.crossmesh.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.Kubeconfigs;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The writes a trainer makes with real kubectl on a demo cluster (issue 16), each checked on what the cluster then
 * stores, read back through fabric8: dry runs that store nothing, label and annotation removal, the three patch
 * types, edit, client-side and server-side apply, diff, set image, rollout restart, scale, namespace deletion, and the
 * events the simulated control plane reports.
 */
class KubectlWritesTest {
    private static final String CONTEXT = "demo-cluster-1";
    @TempDir
    static Path dir;
    private static DemoClusters demo;
    private static ClusterClients clients;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoClusters.builder().clusters(1).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start();
        clients = new ClusterClients(Kubeconfigs.of(List.of(demo.kubeconfig())));
        client = clients.client(CONTEXT);
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    static List<Kubectl> versions() {
        return Kubectl.every().toList();
    }

    private static String manifest(String ns, String image) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata: {name: NS}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: cacerts, namespace: NS}
                stringData: {root-cert.pem: demo}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: NS}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: IMAGE
                        ports: [{containerPort: 80}]
                        env: [{name: A, value: "1"}, {name: B, value: "2"}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: NS}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 80}]
                """.replace("NS", ns).replace("IMAGE", image);
    }

    private static Kubectl.Run ok(Kubectl kubectl, String... args) {
        Kubectl.Run run = kubectl.run(demo, CONTEXT, args);
        assertEquals(0, run.exit(), run::toString);
        return run;
    }

    private static Kubectl.Run okWithInput(Kubectl kubectl, String stdin, String... args) {
        Kubectl.Run run = kubectl.runWithInput(demo, CONTEXT, stdin, args);
        assertEquals(0, run.exit(), run::toString);
        return run;
    }

    /**
     * kubectl before 1.29 validates (and computes client-side patches) from OpenAPI v2, which the demo's discovery does not
     * serve as protobuf yet; the writes themselves are the same, so those versions skip client-side validation.
     */
    private static String[] validate(Kubectl kubectl, String... args) {
        if (minor(kubectl) >= 29) {
            return args;
        }
        String[] with = java.util.Arrays.copyOf(args, args.length + 1);
        with[args.length] = "--validate=false";
        return with;
    }

    private static int minor(Kubectl kubectl) {
        return Integer.parseInt(kubectl.version().split("\\.")[1]);
    }

    private static Deployment web(String ns) {
        return client.apps().deployments().inNamespace(ns).withName("web").get();
    }

    private static String image(String ns) {
        return web(ns).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @ParameterizedTest
    @MethodSource("versions")
    void writesStoreWhatARealClusterStores(Kubectl kubectl) {
        String ns = "w" + minor(kubectl);
        okWithInput(kubectl, manifest(ns, "nginx:1.25"), validate(kubectl, "apply", "-f", "-"));
        Await.until("2 pods of web", () -> client.pods().inNamespace(ns).withLabel("app", "web").list().getItems().size(), n -> n == 2);

        // server-side dry runs answer and store nothing
        assertTrue(ok(kubectl, "-n", ns, "delete", "secret", "cacerts", "--dry-run=server").out().contains("(server dry run)"));
        ok(kubectl, "-n", ns, "delete", "secret", "--all", "--dry-run=server");
        ok(kubectl, "delete", "namespace", ns, "--dry-run=server");
        assertNotNull(client.secrets().inNamespace(ns).withName("cacerts").get(), "a dry-run delete deletes nothing");
        assertEquals("Active", client.namespaces().withName(ns).get().getStatus().getPhase());
        Kubectl.Run exists = kubectl.runWithInput(demo, CONTEXT, manifest(ns, "nginx:9"), validate(kubectl, "create", "--dry-run=server", "-f", "-"));
        assertEquals(1, exists.exit(), exists::toString);
        assertTrue(exists.err().contains("AlreadyExists") || exists.err().contains("already exists"), exists::toString);
        okWithInput(kubectl, manifest(ns, "nginx:9"), validate(kubectl, "apply", "--dry-run=server", "-f", "-"));
        ok(kubectl, "-n", ns, "scale", "deploy", "web", "--replicas=7", "--dry-run=server");
        assertEquals("nginx:1.25", image(ns), "a dry-run apply stores nothing");
        assertEquals(2, web(ns).getSpec().getReplicas(), "a dry-run scale stores nothing");
        Kubectl.Run missing = kubectl.run(demo, CONTEXT, "-n", ns, "patch", "configmap", "nothing", "--dry-run=server", "--type=merge",
                "-p", "{\"data\":{\"a\":\"b\"}}");
        assertEquals(1, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("NotFound"), missing::toString);

        // labels and annotations removed, not nulled
        ok(kubectl, "-n", ns, "label", "svc", "web", "foo=bar");
        ok(kubectl, "-n", ns, "annotate", "svc", "web", "note=x");
        assertEquals("bar", client.services().inNamespace(ns).withName("web").get().getMetadata().getLabels().get("foo"));
        ok(kubectl, "-n", ns, "label", "svc", "web", "foo-");
        ok(kubectl, "-n", ns, "annotate", "svc", "web", "note-");
        Service svc = client.services().inNamespace(ns).withName("web").get();
        Map<String, String> labels = svc.getMetadata().getLabels() == null ? Map.of() : svc.getMetadata().getLabels();
        assertFalse(labels.containsKey("foo"), "label removed: " + labels);
        assertFalse(svc.getMetadata().getAnnotations().containsKey("note"), "annotation removed: " + svc.getMetadata().getAnnotations());

        // the three patch types
        ok(kubectl, "-n", ns, "patch", "deploy", "web", "--type=strategic", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.26\",\"env\":[{\"name\":\"B\",\"$patch\":\"delete\"}]}]}}}}");
        var container = web(ns).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("nginx:1.26", container.getImage());
        assertEquals(List.of("A"), container.getEnv().stream().map(e -> e.getName()).toList(), "merged by name, B deleted, A kept");
        assertEquals(80, container.getPorts().get(0).getContainerPort(), "ports kept");
        ok(kubectl, "-n", ns, "patch", "deploy", "web", "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
        ok(kubectl, "-n", ns, "patch", "deploy", "web", "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"x\":null}}}");
        Map<String, String> deployLabels = web(ns).getMetadata().getLabels() == null ? Map.of() : web(ns).getMetadata().getLabels();
        assertFalse(deployLabels.containsKey("x"), "null removes the key (RFC 7386): " + deployLabels);
        ok(kubectl, "-n", ns, "patch", "deploy", "web", "--type=json", "-p", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]");
        assertEquals(3, web(ns).getSpec().getReplicas());

        // set image, rollout restart, scale
        ok(kubectl, "-n", ns, "set", "image", "deploy/web", "web=nginx:1.27");
        assertEquals("nginx:1.27", image(ns));
        ok(kubectl, "-n", ns, "rollout", "restart", "deploy/web");
        assertNotNull(web(ns).getSpec().getTemplate().getMetadata().getAnnotations().get("kubectl.kubernetes.io/restartedAt"));
        assertTrue(ok(kubectl, "-n", ns, "scale", "deploy", "web", "--replicas=1").out().contains("scaled"));
        assertEquals(1, web(ns).getSpec().getReplicas());
        Await.until("the pods follow the scale", () -> client.pods().inNamespace(ns).withLabel("app", "web").list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).count(), n -> n == 1);

        // edit: kubectl runs the editor on the object and patches what changed
        Kubectl.Run edit = kubectl.runWithEnvironment(demo, CONTEXT, Map.of("KUBE_EDITOR", "sed -i s/nginx:1.27/nginx:1.30/"), null,
                validate(kubectl, "-n", ns, "edit", "deploy", "web"));
        assertEquals(0, edit.exit(), edit::toString);
        assertEquals("nginx:1.30", image(ns));

        // client-side apply of a changed object, diff, server-side apply
        okWithInput(kubectl, manifest(ns, "nginx:1.28"), validate(kubectl, "apply", "-f", "-"));
        assertEquals("nginx:1.28", image(ns));
        assertEquals(2, web(ns).getSpec().getReplicas(), "replicas from the manifest");
        assertNotNull(web(ns).getMetadata().getAnnotations().get("kubectl.kubernetes.io/last-applied-configuration"));
        if (minor(kubectl) >= 29) { // diff needs OpenAPI v2 before 1.29 (see validate)
            Kubectl.Run diff = kubectl.runWithInput(demo, CONTEXT, manifest(ns, "nginx:1.29"), "diff", "-f", "-");
            assertEquals(1, diff.exit(), diff::toString);
            assertTrue(diff.out().contains("-        image: nginx:1.28") && diff.out().contains("+        image: nginx:1.29"), diff::toString);
            assertEquals("nginx:1.28", image(ns), "diff stores nothing");
        }
        okWithInput(kubectl, manifest(ns, "nginx:1.29"), validate(kubectl, "apply", "--server-side", "--force-conflicts", "-f", "-"));
        assertEquals("nginx:1.29", image(ns));
        assertTrue(web(ns).getMetadata().getManagedFields().stream().anyMatch(m -> m.getManager().equals("kubectl") && m.getOperation().equals("Apply")),
                () -> "kubectl owns what it applied: " + web(ns).getMetadata().getManagedFields());

        // events of what the simulated control plane did, in both APIs, and through kubectl
        Set<String> reasons = Await.until("events of pods and the deployment",
                () -> client.v1().events().inNamespace(ns).list().getItems().stream().map(Event::getReason).collect(Collectors.toSet()),
                r -> r.containsAll(Set.of("Scheduled", "Pulled", "Created", "Started", "ScalingReplicaSet")));
        assertTrue(reasons.contains("Killing"), "scaled-down pods stopped: " + reasons);
        Set<String> core = client.v1().events().inNamespace(ns).list().getItems().stream().map(e -> e.getMetadata().getName())
                .collect(Collectors.toSet());
        Set<String> v1 = client.events().v1().events().inNamespace(ns).list().getItems().stream().map(e -> e.getMetadata().getName())
                .collect(Collectors.toSet());
        assertTrue(v1.containsAll(core), "events.k8s.io/v1 lists the same events (and those made since): " + core + " " + v1);
        String events = ok(kubectl, "-n", ns, "get", "events", "-o", "json").out();
        assertTrue(events.contains("\"reason\": \"ScalingReplicaSet\"") && events.contains("\"reason\": \"Started\""), events);

        // deleting the namespace deletes what it holds
        ok(kubectl, "delete", "namespace", ns, "--wait=true", "--timeout=30s");
        Await.until("namespace " + ns + " gone", () -> client.namespaces().withName(ns).get(), n -> n == null);
        assertEquals(List.of(), client.secrets().inNamespace(ns).list().getItems());
        assertEquals(List.of(), client.apps().deployments().inNamespace(ns).list().getItems());
        assertEquals(List.of(), client.services().inNamespace(ns).list().getItems());
        Await.until("no pods left in " + ns, () -> client.pods().inNamespace(ns).list().getItems(), List::isEmpty);
    }

    @Test
    void aNamespaceTerminatesWhileItsContentWaitsForFinalizersThenGoes() {
        String ns = "terminating";
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        assertEquals(List.of("kubernetes"), client.namespaces().withName(ns).get().getSpec().getFinalizers());
        var cms = client.configMaps().inNamespace(ns);
        cms.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("plain").endMetadata().build()).create();
        cms.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("held").addToFinalizers("example.com/hold")
                .endMetadata().build()).create();
        client.namespaces().withName(ns).delete();

        var terminating = client.namespaces().withName(ns).get();
        assertEquals("Terminating", terminating.getStatus().getPhase());
        assertNotNull(terminating.getMetadata().getDeletionTimestamp());
        assertNull(cms.withName("plain").get(), "content without finalizers goes at once");
        assertNotNull(cms.withName("held").get().getMetadata().getDeletionTimestamp(), "content with a finalizer waits, marked");
        var refused = org.junit.jupiter.api.Assertions.assertThrows(io.fabric8.kubernetes.client.KubernetesClientException.class,
                () -> cms.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("new").endMetadata().build())
                        .create());
        assertEquals(403, refused.getCode(), "no new content in a terminating namespace");
        assertTrue(refused.getStatus().getMessage().contains("because it is being terminated"), refused.getStatus().getMessage());

        cms.withName("held").edit(cm -> new io.fabric8.kubernetes.api.model.ConfigMapBuilder(cm).editMetadata().withFinalizers(List.of())
                .endMetadata().build());
        Await.until("namespace gone once its content is", () -> client.namespaces().withName(ns).get(), n -> n == null);
        assertEquals(List.of(), cms.list().getItems());
        var missing = org.junit.jupiter.api.Assertions.assertThrows(io.fabric8.kubernetes.client.KubernetesClientException.class,
                () -> cms.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("b").endMetadata().build())
                        .create());
        assertEquals(404, missing.getCode(), "no content in a namespace that does not exist");
    }

    @Test
    void podsHaveTheStatusAKubeletWrites() {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("kubelet").endMetadata()
                .build()).create();
        client.apps().deployments().inNamespace("kubelet").resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata()
                .withName("api").endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "api").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata().withNewSpec().addNewContainer().withName("api")
                .withImage("example.com/team/api:2").endContainer().endSpec().endTemplate().endSpec().build()).create();
        Pod pod = Await.until("a running pod", () -> client.pods().inNamespace("kubelet").list().getItems(),
                pods -> pods.size() == 1 && "Running".equals(pods.get(0).getStatus().getPhase())).get(0);
        ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
        assertEquals("example.com/team/api:2", status.getImage());
        assertTrue(status.getImageID().matches("example.com/team/api@sha256:[0-9a-f]{64}"), status.getImageID());
        assertTrue(status.getContainerID().matches("containerd://[0-9a-f]{64}"), status.getContainerID());
        assertTrue(status.getReady() && status.getStarted());
        assertEquals(0, status.getRestartCount());
        assertNotNull(status.getState().getRunning().getStartedAt());
        assertEquals("BestEffort", pod.getStatus().getQosClass());
        assertEquals(pod.getStatus().getPodIP(), pod.getStatus().getPodIPs().get(0).getIp());
        assertEquals(pod.getStatus().getHostIP(), pod.getStatus().getHostIPs().get(0).getIp());
        assertNotNull(pod.getStatus().getStartTime());
        Map<String, String> conditions = pod.getStatus().getConditions().stream()
                .collect(Collectors.toMap(PodCondition::getType, PodCondition::getStatus));
        for (String type : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
            assertEquals("True", conditions.get(type), type + " in " + conditions);
        }
        assertTrue(pod.getStatus().getConditions().stream().allMatch(c -> c.getLastTransitionTime().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")),
                "times in whole seconds, as the API server writes them");
        Event started = Await.until("Started", () -> client.v1().events().inNamespace("kubelet").list().getItems().stream()
                .filter(e -> "Started".equals(e.getReason())).findFirst().orElse(null), e -> e != null);
        assertEquals("kubelet", started.getSource().getComponent());
        assertEquals(pod.getSpec().getNodeName(), started.getSource().getHost());
        assertEquals("spec.containers{api}", started.getInvolvedObject().getFieldPath());
        assertEquals(pod.getMetadata().getUid(), started.getInvolvedObject().getUid());
        assertEquals(1, started.getCount());
        assertNotNull(started.getFirstTimestamp());
        Event scheduled = client.v1().events().inNamespace("kubelet").list().getItems().stream().filter(e -> "Scheduled".equals(e.getReason()))
                .findFirst().orElseThrow();
        assertEquals("default-scheduler", scheduled.getReportingComponent());
        assertNotNull(scheduled.getEventTime());
        assertEquals(1, client.v1().events().inNamespace("kubelet").withField("involvedObject.name", "api").list().getItems().stream()
                .filter(e -> "ScalingReplicaSet".equals(e.getReason())).count(), "describe's field selector finds the deployment's event");
        assertNull(client.v1().events().inNamespace("kubelet").withField("involvedObject.name", "nothing").list().getItems().stream()
                .findFirst().orElse(null));
    }

    @Test
    void aLoadBalancerServiceReportsEnsuringAndEnsured() {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata()
                .build()).createOr(existing -> existing.update());
        client.services().inNamespace("istio-system").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata()
                .withName("istio-eastwestgateway").endMetadata().withNewSpec().withType("LoadBalancer").addToSelector("istio", "eastwestgateway")
                .addNewPort().withName("tls").withPort(15443).endPort().endSpec().build()).create();
        Set<String> reasons = Await.until("load-balancer events", () -> client.v1().events().inNamespace("istio-system")
                .withField("involvedObject.name", "istio-eastwestgateway").list().getItems().stream()
                .filter(e -> "service-controller".equals(e.getSource().getComponent())).map(Event::getReason).collect(Collectors.toSet()),
                r -> r.equals(Set.of("EnsuringLoadBalancer", "EnsuredLoadBalancer")));
        assertEquals(2, reasons.size());
    }

    @Test
    void aNameTheApiRefusesIs422AndStoresNothing() {
        var cms = client.configMaps().inNamespace("default");
        var refused = org.junit.jupiter.api.Assertions.assertThrows(io.fabric8.kubernetes.client.KubernetesClientException.class,
                () -> cms.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("Not_A_Name").endMetadata()
                        .build()).dryRun().create());
        assertEquals(422, refused.getCode());
        assertTrue(refused.getStatus().getMessage().startsWith("ConfigMap \"Not_A_Name\" is invalid: metadata.name: Invalid value"),
                refused.getStatus().getMessage());
        var service = org.junit.jupiter.api.Assertions.assertThrows(io.fabric8.kubernetes.client.KubernetesClientException.class,
                () -> client.services().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata()
                        .withName("1web").endMetadata().withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create());
        assertEquals(422, service.getCode(), "a Service's name is a DNS-1035 label");
        assertNull(client.services().inNamespace("default").withName("1web").get());
    }

    @Test
    void scaleIsASubresourceOfItsOwn() {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("scale").endMetadata()
                .build()).create();
        client.apps().statefulSets().inNamespace("scale").resource(new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder().withNewMetadata()
                .withName("db").endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "db").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata().withNewSpec().addNewContainer().withName("db")
                .withImage("postgres:16").endContainer().endSpec().endTemplate().endSpec().build()).create();
        var scale = client.apps().statefulSets().inNamespace("scale").withName("db").scale();
        assertEquals(1, scale.getSpec().getReplicas());
        assertEquals("app=db", scale.getStatus().getSelector());
        client.apps().statefulSets().inNamespace("scale").withName("db").scale(4);
        assertEquals(4, client.apps().statefulSets().inNamespace("scale").withName("db").get().getSpec().getReplicas());
        assertEquals(4, client.apps().statefulSets().inNamespace("scale").withName("db").scale().getSpec().getReplicas());
    }
}
