package dev.crossmesh.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.certs.Pem;
import dev.crossmesh.render.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The simulated control plane reacts to the objects crossmesh applies as a cluster with Istio would. */
class SimulatedControlPlaneTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    static DemoClusters.Builder fastDemo(Path dir, int clusters) {
        return DemoClusters.builder().clusters(clusters).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast());
    }

    /** The namespace objects are written to here: a real API server takes none in a namespace that does not exist. */
    static void istioSystem(KubernetesClient client) {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(Labels.ISTIO_NAMESPACE)
                .endMetadata().build()).create();
    }

    static List<Pod> gatewayPods(KubernetesClient client) {
        return client.pods().inNamespace(Labels.ISTIO_NAMESPACE).withLabel(Labels.ISTIO_SELECTOR, Labels.EASTWEST_SELECTOR_VALUE).list().getItems();
    }

    static String ingressIp(KubernetesClient client) {
        Service s = client.services().inNamespace(Labels.ISTIO_NAMESPACE).withName(Labels.EASTWEST_NAME).get();
        if (s == null || s.getStatus() == null || s.getStatus().getLoadBalancer() == null || s.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            return null;
        }
        return s.getStatus().getLoadBalancer().getIngress().get(0).getIp();
    }

    static String rootCert(KubernetesClient client) {
        ConfigMap cm = client.configMaps().inNamespace(Labels.ISTIO_NAMESPACE).withName(SimulatedControlPlane.ROOT_CERT_CONFIGMAP).get();
        return cm == null ? null : cm.getData().get("root-cert.pem");
    }

    @Test
    void appliedPlanComesAliveOnEveryCluster(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.twoClusters(DemoMesh.certDir(dir));
        try (DemoClusters demo = fastDemo(dir, 2).start()) {
            for (DemoCluster c : demo.clusters()) {
                // nothing applied yet: the gateway's status port answers, and says not ready
                assertEquals(503, Await.httpStatus(c.gateway().readinessUrl()), c.name());
            }
            mesh.applyAll(demo);
            for (String cluster : List.of("cluster-1", "cluster-2")) {
                String context = mesh.context(cluster);
                KubernetesClient client = demo.server(context).adminClient();
                GatewayEndpoint endpoint = demo.controlPlane(context).gatewayEndpoint();
                String network = mesh.plan().cluster(cluster).orElseThrow().network();

                List<Pod> pods = Await.until(context + " gateway pods ready", () -> gatewayPods(client),
                        list -> list.size() == 1 && SimulatedControlPlane.isReady(list.get(0)));
                Pod pod = pods.get(0);
                assertEquals(network, pod.getMetadata().getLabels().get(Labels.NETWORK), "pod labels come from the template");
                assertEquals("istio-eastwestgateway", pod.getMetadata().getLabels().get("app"));
                assertEquals("Running", pod.getStatus().getPhase());
                assertEquals("docker.io/istio/proxyv2:" + dev.crossmesh.plan.IstioSpec.DEFAULT_VERSION, pod.getSpec().getContainers().get(0).getImage(), "image: auto is injected");

                String ip = Await.until(context + " load-balancer address", () -> ingressIp(client), a -> a != null);
                assertEquals(endpoint.address(), ip);
                assertTrue(ip.startsWith("127.0.0."), ip);
                assertEquals(200, Await.until(context + " gateway ready on its status port", () -> Await.httpStatus(endpoint.readinessUrl()),
                        code -> code == 200));

                Deployment istiod = Await.until(context + " istiod ready", () -> client.apps().deployments().inNamespace(Labels.ISTIO_NAMESPACE)
                        .withName("istiod").get(), d -> d != null && d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()));
                assertEquals("docker.io/istio/pilot:" + dev.crossmesh.plan.IstioSpec.DEFAULT_VERSION, istiod.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
                assertEquals(dev.crossmesh.plan.IstioSpec.DEFAULT_VERSION, istiod.getMetadata().getLabels().get("operator.istio.io/version"));
                assertTrue(istiod.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                        .anyMatch(e -> e.getName().equals("CLUSTER_ID") && e.getValue().equals(cluster)), "CLUSTER_ID is the plan's cluster name");
                assertTrue(client.configMaps().inNamespace(Labels.ISTIO_NAMESPACE).withName("istio").get().getData().get("mesh")
                        .contains("meshId: mesh1"));

                String root = Await.until(context + " istio-ca-root-cert", () -> rootCert(client), r -> r != null);
                assertEquals(mesh.rootPem(), root, "istiod publishes the plugged-in root");

                Deployment gateway = client.apps().deployments().inNamespace(Labels.ISTIO_NAMESPACE).withName(Labels.EASTWEST_NAME).get();
                assertEquals(1, gateway.getStatus().getReadyReplicas());
                assertEquals(1, gateway.getStatus().getAvailableReplicas());
            }
            assertNotEquals(demo.controlPlane("demo-cluster-1").gatewayEndpoint().address(),
                    demo.controlPlane("demo-cluster-2").gatewayEndpoint().address());
            demo.awaitEvent("demo-cluster-1", DemoEvent.Kind.ISTIOD_READY, WAIT);
            demo.awaitEvent("demo-cluster-2", DemoEvent.Kind.LOAD_BALANCER_ASSIGNED, WAIT);
        }
    }

    @Test
    void reapplyingTheServiceKeepsItsAddressAsARealApiServerDoes(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.twoClusters(DemoMesh.certDir(dir));
        try (DemoClusters demo = fastDemo(dir, 2).start()) {
            mesh.apply(demo, "cluster-1", DemoMesh.kind("Service"));
            KubernetesClient client = demo.server("demo-cluster-1").adminClient();
            String ip = Await.until("address", () -> ingressIp(client), a -> a != null);
            Service current = client.services().inNamespace(Labels.ISTIO_NAMESPACE).withName(Labels.EASTWEST_NAME).get();
            Service desired = client.getKubernetesSerialization().unmarshal(
                    mesh.applied("cluster-1").stream().filter(m -> m.kind().equals("Service")).findFirst().orElseThrow().yaml(), Service.class);
            desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            desired.getMetadata().getLabels().put("changed", "yes");
            Service after = client.services().inNamespace(Labels.ISTIO_NAMESPACE).resource(desired).update();
            assertEquals("yes", after.getMetadata().getLabels().get("changed"));
            assertEquals(ip, after.getStatus().getLoadBalancer().getIngress().get(0).getIp(), "a PUT without status leaves status alone");
        }
    }

    @Test
    void deletingObjectsUndoesWhatTheyCaused(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.twoClusters(DemoMesh.certDir(dir));
        try (DemoClusters demo = fastDemo(dir, 2).start()) {
            mesh.apply(demo, "cluster-1", m -> true);
            KubernetesClient client = demo.server("demo-cluster-1").adminClient();
            GatewayEndpoint endpoint = demo.controlPlane("demo-cluster-1").gatewayEndpoint();
            Await.until("gateway ready", () -> Await.httpStatus(endpoint.readinessUrl()), code -> code == 200);
            Await.until("root published", () -> rootCert(client), r -> r != null);

            client.apps().deployments().inNamespace(Labels.ISTIO_NAMESPACE).withName(Labels.EASTWEST_NAME).delete();
            Await.until("gateway pods gone", () -> gatewayPods(client), List::isEmpty);
            assertEquals(503, Await.until("not ready without pods", () -> Await.httpStatus(endpoint.readinessUrl()), code -> code == 503));

            client.services().inNamespace(Labels.ISTIO_NAMESPACE).withName(Labels.EASTWEST_NAME).delete();
            Await.until("Service gone", () -> client.services().inNamespace(Labels.ISTIO_NAMESPACE).withName(Labels.EASTWEST_NAME).get(), s -> s == null);

            client.genericKubernetesResources("install.istio.io/v1alpha1", "IstioOperator").inNamespace(Labels.ISTIO_NAMESPACE)
                    .withName("crossmesh-control-plane").delete();
            Await.until("istiod and its pods gone", () -> client.pods().inNamespace(Labels.ISTIO_NAMESPACE).list().getItems().size()
                    + client.apps().deployments().inNamespace(Labels.ISTIO_NAMESPACE).list().getItems().size(), n -> n == 0);
            Await.until("root ConfigMap gone with istiod", () -> rootCert(client), r -> r == null);
            Await.until("operator's objects gone", () -> client.configMaps().inNamespace(Labels.ISTIO_NAMESPACE).withName("istio").get()
                    == null && client.services().inNamespace(Labels.ISTIO_NAMESPACE).withName("istiod").get() == null, gone -> gone);
            // what crossmesh wrote and the simulation does not own is still there
            assertNotNull(client.secrets().inNamespace(Labels.ISTIO_NAMESPACE).withName("cacerts").get());
            assertNotNull(client.secrets().inNamespace(Labels.ISTIO_NAMESPACE).withName("istio-remote-secret-cluster-2").get());
        }
    }

    @Test
    void withoutCacertsEachClusterMakesARootOfItsOwnAndPluggingOneInIsReflected(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.twoClusters(DemoMesh.certDir(dir));
        try (DemoClusters demo = fastDemo(dir, 2).start()) {
            for (String cluster : List.of("cluster-1", "cluster-2")) {
                mesh.apply(demo, cluster, m -> !m.kind().equals("Secret"));
            }
            KubernetesClient one = demo.server("demo-cluster-1").adminClient();
            KubernetesClient two = demo.server("demo-cluster-2").adminClient();
            String rootOne = Await.until("self-signed root 1", () -> rootCert(one), r -> r != null);
            String rootTwo = Await.until("self-signed root 2", () -> rootCert(two), r -> r != null);
            assertNotEquals(rootOne, rootTwo, "istiod without cacerts signs with a root of its own cluster");
            assertNotNull(Pem.certificate(rootOne));
            assertTrue(demo.awaitEvent("demo-cluster-1", DemoEvent.Kind.ROOT_CERT_PUBLISHED, WAIT).message().contains("no cacerts"));

            mesh.apply(demo, "cluster-1", m -> m.name().equals("cacerts"));
            Await.until("plugged root reflected", () -> rootCert(one), r -> mesh.rootPem().equals(r));
        }
    }

    @Test
    void cacertsInDataIsReadAsWellAsStringData(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.twoClusters(DemoMesh.certDir(dir));
        try (DemoClusters demo = fastDemo(dir, 1).start()) {
            KubernetesClient client = demo.server("demo-cluster-1").adminClient();
            istioSystem(client);
            client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("cacerts")
                    .withNamespace(Labels.ISTIO_NAMESPACE).endMetadata()
                    .addToData("root-cert.pem", java.util.Base64.getEncoder().encodeToString(mesh.rootPem().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .build()).create();
            mesh.apply(demo, "cluster-1", DemoMesh.kind("IstioOperator"));
            Await.until("root from data", () -> rootCert(client), r -> mesh.rootPem().equals(r));
        }
    }

    @Test
    void istiodReportsTheOperatorsTagAndRevision(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = fastDemo(dir, 1).start()) {
            KubernetesClient client = demo.server("demo-cluster-1").adminClient();
            istioSystem(client);
            client.resource("""
                    apiVersion: install.istio.io/v1alpha1
                    kind: IstioOperator
                    metadata:
                      name: asm
                      namespace: istio-system
                    spec:
                      revision: asm-1-20
                      tag: 1.20.3
                    """).create();
            Deployment istiod = Await.until("revisioned istiod", () -> client.apps().deployments().inNamespace(Labels.ISTIO_NAMESPACE)
                    .withName("istiod-asm-1-20").get(), d -> d != null && d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()));
            assertEquals("docker.io/istio/pilot:1.20.3", istiod.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
            assertEquals("asm-1-20", istiod.getMetadata().getLabels().get(Labels.REVISION));
            assertNull(client.apps().deployments().inNamespace(Labels.ISTIO_NAMESPACE).withName("istiod").get());
        }
    }

    @Test
    void plainIstiodDeploymentAlsoCountsAsAnInstalledControlPlane(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = fastDemo(dir, 1).start()) {
            KubernetesClient client = demo.server("demo-cluster-1").adminClient();
            istioSystem(client);
            client.resource("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: istiod
                      namespace: istio-system
                    spec:
                      selector:
                        matchLabels: {app: istiod}
                      template:
                        metadata:
                          labels: {app: istiod, istio: pilot}
                        spec:
                          containers:
                          - name: discovery
                            image: docker.io/istio/pilot:1.22.1
                    """).create();
            Await.until("root published for a plain istiod", () -> rootCert(client), r -> r != null);
            Pod pod = Await.until("istiod pod ready", () -> client.pods().inNamespace(Labels.ISTIO_NAMESPACE).withLabel("app", "istiod").list().getItems(),
                    l -> l.size() == 1 && SimulatedControlPlane.isReady(l.get(0))).get(0);
            assertEquals("docker.io/istio/pilot:1.22.1", pod.getSpec().getContainers().get(0).getImage());
        }
    }

    @Test
    void primaryRemotePlanGivesTheRemoteNoIstiodButTheSharedRoot(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.of(Path.of("examples/primary-remote.yaml"), DemoMesh.certDir(dir));
        try (DemoClusters demo = fastDemo(dir, 2).start()) {
            mesh.applyAll(demo);
            KubernetesClient primary = demo.server("demo-cluster-1").adminClient();
            KubernetesClient remote = demo.server("demo-cluster-2").adminClient();
            Await.until("primary root", () -> rootCert(primary), r -> mesh.rootPem().equals(r));
            Await.until("remote root", () -> rootCert(remote), r -> mesh.rootPem().equals(r));
            Await.until("remote gateway address", () -> ingressIp(remote), a -> a != null);
            assertNull(remote.apps().deployments().inNamespace(Labels.ISTIO_NAMESPACE).withName("istiod").get(), "a remote runs no istiod");
            assertNotNull(primary.genericKubernetesResources("networking.istio.io/v1", "VirtualService").inNamespace(Labels.ISTIO_NAMESPACE)
                    .withName("istiod-vs").get());
        }
    }

    @Test
    void scalingAndTemplateChangesRollThePods(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.twoClusters(DemoMesh.certDir(dir));
        try (DemoClusters demo = fastDemo(dir, 1).start()) {
            mesh.apply(demo, "cluster-1", DemoMesh.kind("Deployment"));
            KubernetesClient client = demo.server("demo-cluster-1").adminClient();
            String first = Await.until("one pod", () -> gatewayPods(client), l -> l.size() == 1).get(0).getMetadata().getName();
            client.apps().deployments().inNamespace(Labels.ISTIO_NAMESPACE).withName(Labels.EASTWEST_NAME).scale(3);
            Await.until("three ready pods", () -> gatewayPods(client), l -> l.size() == 3 && l.stream().allMatch(SimulatedControlPlane::isReady));
            // the simulation writes the Deployment's status meanwhile: like `kubectl edit`, retry on a conflict
            for (int attempt = 1; ; attempt++) {
                try {
                    client.apps().deployments().inNamespace(Labels.ISTIO_NAMESPACE).withName(Labels.EASTWEST_NAME).edit(d -> {
                        d.getSpec().setReplicas(1);
                        d.getSpec().getTemplate().getMetadata().getLabels().put("rolled", "yes");
                        return d;
                    });
                    break;
                } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                    if (e.getCode() != 409 || attempt == 5) {
                        throw e;
                    }
                }
            }
            List<Pod> rolled = Await.until("one pod of the new template", () -> gatewayPods(client),
                    l -> l.size() == 1 && "yes".equals(l.get(0).getMetadata().getLabels().get("rolled")));
            assertNotEquals(first, rolled.get(0).getMetadata().getName());
        }
    }
}
