package dev.crossmesh.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.render.Labels;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Demo clusters look like clusters, and each failure option shows its effect. */
class DemoClustersTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void clustersHaveNodesInDistinctRegionsSystemNamespacesAndIstioCrds(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("kubeconfig")).withoutSimulation().start();
             ClusterClients clients = new ClusterClients(Kubeconfigs.of(List.of(demo.kubeconfig())))) {
            Set<String> regions = new HashSet<>();
            for (DemoCluster c : demo.clusters()) {
                // through the kubeconfig, as the wizard reads them
                KubernetesClient client = clients.client(c.name());
                List<Node> nodes = client.nodes().list().getItems();
                assertEquals(2, nodes.size(), c.name());
                for (Node n : nodes) {
                    assertEquals(c.region(), n.getMetadata().getLabels().get("topology.kubernetes.io/region"));
                    assertTrue(c.zones().contains(n.getMetadata().getLabels().get("topology.kubernetes.io/zone")));
                    assertEquals(DemoApiServer.DEFAULT_KUBERNETES_VERSION, n.getStatus().getNodeInfo().getKubeletVersion());
                }
                regions.add(c.region());
                assertTrue(client.namespaces().withName("kube-system").get() != null);
                assertEquals(DemoApiServer.DEFAULT_KUBERNETES_VERSION, client.getKubernetesVersion().getGitVersion());
                for (String crd : List.of("gateways.networking.istio.io", "virtualservices.networking.istio.io", "istiooperators.install.istio.io")) {
                    assertTrue(client.apiextensions().v1().customResourceDefinitions().withName(crd).get() != null, crd);
                }
                // discovery by apiVersion and kind, for every version crossmesh renders
                for (String apiVersion : List.of("networking.istio.io/v1", "networking.istio.io/v1alpha3")) {
                    assertTrue(client.genericKubernetesResources(apiVersion, "Gateway").inNamespace("istio-system").list().getItems().isEmpty());
                    assertTrue(client.genericKubernetesResources(apiVersion, "VirtualService").inNamespace("istio-system").list().getItems().isEmpty());
                }
                assertTrue(client.genericKubernetesResources("install.istio.io/v1alpha1", "IstioOperator").inNamespace("istio-system").list()
                        .getItems().isEmpty());
            }
            assertEquals(List.of("europe-west1", "us-east1", "asia-south1"), demo.clusters().stream().map(DemoCluster::region).toList());
            assertEquals(3, regions.size());
        }
    }

    @Test
    void noLoadBalancerLeavesTheServicePendingOnThatClusterOnly(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.twoClusters(DemoMesh.certDir(dir));
        try (DemoClusters demo = SimulatedControlPlaneTest.fastDemo(dir, 2)
                .faults(DemoFaults.parse(2, List.of("demo-cluster-2"), List.of(), List.of())).start()) {
            mesh.applyAll(demo);
            demo.awaitEvent("demo-cluster-1", DemoEvent.Kind.LOAD_BALANCER_ASSIGNED, WAIT);
            DemoEvent withheld = demo.awaitEvent("demo-cluster-2", DemoEvent.Kind.LOAD_BALANCER_WITHHELD, WAIT);
            assertTrue(withheld.message().contains("stays pending"), withheld.message());
            // the pods of cluster 2 come up all the same: only the address is missing
            Await.until("cluster 2 gateway pods ready", () -> SimulatedControlPlaneTest.gatewayPods(demo.server("demo-cluster-2").adminClient()),
                    l -> l.size() == 1 && SimulatedControlPlane.isReady(l.get(0)));
            assertNull(SimulatedControlPlaneTest.ingressIp(demo.server("demo-cluster-2").adminClient()));
            assertTrue(SimulatedControlPlaneTest.ingressIp(demo.server("demo-cluster-1").adminClient()) != null);
            assertEquals(List.of("no load balancer"), demo.clusters().get(1).faults());
        }
    }

    @Test
    void noLoadBalancerWithoutAClusterMeansEveryCluster() {
        DemoFaults faults = DemoFaults.parse(3, List.of(""), List.of(), List.of());
        assertEquals(Set.of("demo-cluster-1", "demo-cluster-2", "demo-cluster-3"), faults.noLoadBalancer());
    }

    @Test
    void breakRootCaGivesOneClusterAnotherRoot(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.twoClusters(DemoMesh.certDir(dir));
        // without a cluster named, the last one is broken
        try (DemoClusters demo = SimulatedControlPlaneTest.fastDemo(dir, 2).faults(DemoFaults.parse(2, List.of(), List.of(""), List.of())).start()) {
            mesh.applyAll(demo);
            KubernetesClient one = demo.server("demo-cluster-1").adminClient();
            KubernetesClient two = demo.server("demo-cluster-2").adminClient();
            Await.until("cluster 1 publishes the plugged root", () -> SimulatedControlPlaneTest.rootCert(one), r -> mesh.rootPem().equals(r));
            String broken = Await.until("cluster 2 publishes a root", () -> SimulatedControlPlaneTest.rootCert(two), r -> r != null);
            assertNotEquals(mesh.rootPem(), broken, "the broken cluster ignores cacerts");
            assertTrue(broken.startsWith("-----BEGIN CERTIFICATE-----"));
            assertTrue(demo.awaitEvent("demo-cluster-2", DemoEvent.Kind.ROOT_CERT_PUBLISHED, WAIT).message().contains("--break-root-ca"));
            // cacerts itself is untouched: the difference shows only where istiod publishes its root
            assertEquals(mesh.rootPem(), two.secrets().inNamespace("istio-system").withName("cacerts").get().getStringData().get("root-cert.pem"));
        }
    }

    @Test
    void offlineFaultStopsTheApiServerAndBringsItBackWithItsData(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.twoClusters(DemoMesh.certDir(dir));
        try (DemoClusters demo = SimulatedControlPlaneTest.fastDemo(dir, 2)
                .faults(DemoFaults.none().withOffline(OfflineFault.parse("2@0.3+0.7", 2))).start()) {
            DemoApiServer two = demo.server("demo-cluster-2");
            KubernetesClient client = two.adminClient();
            demo.awaitEvent("demo-cluster-2", DemoEvent.Kind.API_SERVER_STOPPED, WAIT);
            assertThrows(KubernetesClientException.class, () -> client.namespaces().list());
            // the gateway endpoint is not the API server: it keeps answering
            assertEquals(503, Await.httpStatus(demo.controlPlane("demo-cluster-2").gatewayEndpoint().readinessUrl()));
            assertTrue(demo.server("demo-cluster-1").isRunning());

            demo.awaitEvent("demo-cluster-2", DemoEvent.Kind.API_SERVER_STARTED, WAIT);
            assertTrue(client.nodes().list().getItems().size() == 2, "data kept across the restart");
            // the simulation watches again after the restart
            mesh.apply(demo, "cluster-2", m -> true);
            GatewayEndpoint endpoint = demo.controlPlane("demo-cluster-2").gatewayEndpoint();
            Await.until("gateway ready after the restart", () -> Await.httpStatus(endpoint.readinessUrl()), code -> code == 200);
            Await.until("address after the restart", () -> SimulatedControlPlaneTest.ingressIp(client), endpoint.address()::equals);
        }
    }

    @Test
    void offlineForGoodStaysOffline(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = SimulatedControlPlaneTest.fastDemo(dir, 2)
                .faults(DemoFaults.none().withOffline(OfflineFault.parse("demo-cluster-1@0", 2))).start()) {
            demo.awaitEvent("demo-cluster-1", DemoEvent.Kind.API_SERVER_STOPPED, WAIT);
            assertFalse(demo.server("demo-cluster-1").isRunning());
            assertEquals(List.of("offline at 0 s for good"), demo.clusters().get(0).faults());
        }
    }

    @Test
    void simulationSurvivesAManualStopAndStart(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.twoClusters(DemoMesh.certDir(dir));
        try (DemoClusters demo = SimulatedControlPlaneTest.fastDemo(dir, 2).start()) {
            DemoApiServer server = demo.server("demo-cluster-1");
            KubernetesClient client = server.adminClient();
            mesh.apply(demo, "cluster-1", DemoMesh.kind("Namespace").or(DemoMesh.kind("Secret")).or(DemoMesh.kind("IstioOperator")));
            Await.until("root published", () -> SimulatedControlPlaneTest.rootCert(client), r -> r != null);
            int port = server.port();
            server.stop();
            server.start();
            assertEquals(port, server.port());
            mesh.apply(demo, "cluster-1", DemoMesh.kind("Deployment").or(DemoMesh.kind("Service")));
            Await.until("gateway pods after restart", () -> SimulatedControlPlaneTest.gatewayPods(client),
                    l -> l.size() == 1 && SimulatedControlPlane.isReady(l.get(0)));
            Await.until("address after restart", () -> SimulatedControlPlaneTest.ingressIp(client), a -> a != null);
        }
    }

    @Test
    void gatewayAddressesAreDistinctEvenForTwoDemosAtOnce(@TempDir Path dir) throws Exception {
        try (DemoClusters first = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("a")).simulation(SimulationOptions.fast()).start();
             DemoClusters second = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("b")).simulation(SimulationOptions.fast()).start()) {
            List<GatewayEndpoint> all = new ArrayList<>();
            first.clusters().forEach(c -> all.add(c.gateway()));
            second.clusters().forEach(c -> all.add(c.gateway()));
            assertEquals(6, new HashSet<>(all).size(), all.toString());
            for (GatewayEndpoint e : all) {
                assertEquals(503, Await.httpStatus(e.readinessUrl()), e.toString());
            }
            GatewayEndpoint one = first.clusters().get(0).gateway();
            if (one.standardPort()) {
                // where the loopback range is routed, cluster N's gateway prefers 127.0.0.(N+1) and moves up when it is taken
                int a = lastOctet(first.clusters().get(0).gateway());
                int b = lastOctet(first.clusters().get(1).gateway());
                assertTrue(a >= 2 && b > a, all.toString());
            }
        }
    }

    private static int lastOctet(GatewayEndpoint e) {
        return Integer.parseInt(e.address().substring(e.address().lastIndexOf('.') + 1));
    }

    @Test
    void fallbackToPortsOnLocalhostPutsThePortOnTheService(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.twoClusters(DemoMesh.certDir(dir));
        try (DemoClusters demo = SimulatedControlPlaneTest.fastDemo(dir, 2).gatewayAddressing(GatewayAddressing.LOCALHOST_PORTS).start()) {
            mesh.applyAll(demo);
            Set<Integer> ports = new HashSet<>();
            for (DemoCluster c : demo.clusters()) {
                KubernetesClient client = demo.server(c.name()).adminClient();
                assertEquals("127.0.0.1", c.gateway().address());
                assertFalse(c.gateway().standardPort());
                ports.add(c.gateway().statusPort());
                Service service = Await.until(c.name() + " address", () -> client.services().inNamespace(Labels.ISTIO_NAMESPACE)
                        .withName(Labels.EASTWEST_NAME).get(), s -> s.getStatus() != null && !s.getStatus().getLoadBalancer().getIngress().isEmpty());
                assertEquals("127.0.0.1", service.getStatus().getLoadBalancer().getIngress().get(0).getIp());
                String port = service.getMetadata().getAnnotations().get(GatewayEndpoint.STATUS_PORT_ANNOTATION);
                assertEquals(String.valueOf(c.gateway().statusPort()), port);
                // what a status probe does: address from the Service, port from the annotation
                Await.until(c.name() + " ready", () -> Await.httpStatus("http://127.0.0.1:" + port + "/healthz/ready"), code -> code == 200);
            }
            assertEquals(2, ports.size());
        }
    }

    @Test
    void offlineSyntaxIsCheckedWithMessagesThatShowTheWay() {
        OfflineFault f = OfflineFault.parse("demo-cluster-2@30+15", 3);
        assertEquals("demo-cluster-2", f.cluster());
        assertEquals(Duration.ofSeconds(30), f.after());
        assertEquals(Optional.of(Duration.ofSeconds(15)), f.backAfter());
        assertEquals("offline at 30 s, back at 45 s", f.describe());
        assertEquals(new OfflineFault("demo-cluster-3", Duration.ofMillis(1500), Optional.empty()), OfflineFault.parse("3@1.5", 3));

        IllegalArgumentException syntax = assertThrows(IllegalArgumentException.class, () -> OfflineFault.parse("demo-cluster-2-30", 3));
        assertTrue(syntax.getMessage().contains("CLUSTER@SECONDS[+SECONDS]"), syntax.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> OfflineFault.parse("demo-cluster-7@3", 3));
        assertTrue(unknown.getMessage().contains("no demo cluster 'demo-cluster-7'") && unknown.getMessage().contains("demo-cluster-1..3"),
                unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OfflineFault.parse("1@3+0", 3));
        IllegalArgumentException rootCa = assertThrows(IllegalArgumentException.class,
                () -> DemoFaults.parse(2, List.of(), List.of("cluster-9"), List.of()));
        assertTrue(rootCa.getMessage().startsWith("--break-root-ca=cluster-9"), rootCa.getMessage());
    }

    @Test
    void demoNeverWritesOverTheUsersKubeconfigOrAForeignFile(@TempDir Path dir) throws Exception {
        IllegalArgumentException own = assertThrows(IllegalArgumentException.class,
                () -> DemoClusters.start(1, DemoKubeconfig.userKubeconfig()));
        assertTrue(own.getMessage().contains("~/.kube/config"), own.getMessage());

        Path foreign = dir.resolve("work-clusters");
        String theirs = "apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster: {server: 'https://10.1.2.3'}\n"
                + "contexts:\n- name: prod\n  context: {cluster: prod, user: me}\nusers:\n- name: me\n  user: {token: secret}\n";
        Files.writeString(foreign, theirs);
        IllegalArgumentException notDemo = assertThrows(IllegalArgumentException.class, () -> DemoClusters.start(1, foreign));
        assertTrue(notDemo.getMessage().contains("not a crossmesh demo kubeconfig"), notDemo.getMessage());
        assertFalse(notDemo.getMessage().contains("secret"));
        assertEquals(theirs, Files.readString(foreign), "left as it was");

        // an earlier demo's kubeconfig may be written again; while that demo runs, it is reported as in use
        Path kubeconfig = dir.resolve("kubeconfig");
        try (DemoClusters earlier = DemoClusters.builder().clusters(1).kubeconfig(kubeconfig).withoutSimulation().start()) {
            assertTrue(DemoKubeconfig.liveServer(kubeconfig).orElseThrow().startsWith("demo-cluster-1 at https://127.0.0.1:"));
        }
        assertEquals(Optional.empty(), DemoKubeconfig.liveServer(kubeconfig));
        try (DemoClusters again = DemoClusters.builder().clusters(1).kubeconfig(kubeconfig).withoutSimulation().start()) {
            assertTrue(again.removeKubeconfig());
            assertFalse(Files.exists(kubeconfig));
        }
    }

    @Test
    void removeKubeconfigLeavesAChangedFileAlone(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        try (DemoClusters demo = DemoClusters.builder().clusters(1).kubeconfig(kubeconfig).withoutSimulation().start()) {
            Files.writeString(kubeconfig, Files.readString(kubeconfig) + "# edited\n");
            assertFalse(demo.removeKubeconfig());
            assertTrue(Files.exists(kubeconfig));
        }
    }

    @Test
    void clusterCountIsChecked(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoClusters.builder().clusters(DemoClusters.MAX_CLUSTERS + 1).kubeconfig(dir.resolve("k")).start());
        assertTrue(e.getMessage().contains("1 to " + DemoClusters.MAX_CLUSTERS), e.getMessage());
    }

    @Test
    void requestCountCountsWhatKubeconfigClientsSendNotTheSimulation(@TempDir Path dir) throws Exception {
        DemoMesh mesh = DemoMesh.twoClusters(DemoMesh.certDir(dir));
        try (DemoClusters demo = SimulatedControlPlaneTest.fastDemo(dir, 2).start();
             ClusterClients clients = new ClusterClients(Kubeconfigs.of(List.of(demo.kubeconfig())))) {
            DemoApiServer server = demo.server("demo-cluster-1");
            assertEquals(0, server.requestCount(), "bootstrap, controllers and simulation are not counted");
            mesh.apply(demo, "cluster-1", m -> true); // through adminClient(): not counted either
            demo.awaitEvent("demo-cluster-1", DemoEvent.Kind.ROOT_CERT_PUBLISHED, WAIT);
            assertEquals(0, server.requestCount());
            clients.client("demo-cluster-1").configMaps().inNamespace("istio-system").withName("istio-ca-root-cert").get();
            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void demoClustersStayIsolatedFromEachOther(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = SimulatedControlPlaneTest.fastDemo(dir, 2).start()) {
            demo.server("demo-cluster-1").adminClient().configMaps().inNamespace("default")
                    .resource(new ConfigMapBuilder().withNewMetadata().withName("mine").endMetadata().build()).create();
            assertNull(demo.server("demo-cluster-2").adminClient().configMaps().inNamespace("default").withName("mine").get());
        }
    }
}
