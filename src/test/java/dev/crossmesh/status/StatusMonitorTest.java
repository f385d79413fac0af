package dev.crossmesh.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.certs.KeyType;
import dev.crossmesh.certs.MeshCertificateAuthority;
import dev.crossmesh.certs.Pem;
import dev.crossmesh.certs.RootCa;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.Severity;
import dev.crossmesh.render.Labels;
import io.fabric8.kubernetes.client.KubernetesClient;

/** One finding at a time: provoked in a healthy two-cluster mesh, seen in a snapshot, repaired, and gone again. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusMonitorTest {
    static final String NS = MeshFixture.NS;

    MeshFixture mesh;
    StatusMonitor monitor;
    Snapshots snapshots;

    @BeforeAll
    void startMesh(@TempDir Path dir) throws Exception {
        mesh = MeshFixture.start(2, dir);
        mesh.installHealthy();
        monitor = StatusMonitor.start(mesh.plan, mesh.clients, StatusMonitor.Options.defaults().withProbeInterval(Duration.ofMillis(300)));
    }

    @BeforeEach
    void healthy() throws Exception {
        mesh.installHealthy();
        snapshots = new Snapshots(monitor);
        snapshots.awaitHealthy();
    }

    @AfterEach
    void unsubscribe() {
        snapshots.close();
    }

    @AfterAll
    void stop() {
        monitor.close();
        mesh.close();
    }

    @Test
    void aOneShotStatusListsOnceAndShowsWhatTheWatchShows() throws Exception {
        MeshStatus watched = snapshots.awaitHealthy();
        MeshStatus once = StatusMonitor.once(mesh.plan, mesh.clients, Duration.ofSeconds(20));
        assertTrue(once.healthy(), once.findings().toString());
        for (ClusterStatus c : watched.clusters()) {
            ClusterStatus listed = once.cluster(c.name()).orElseThrow();
            assertEquals(ConnectionState.SYNCED, listed.state());
            // everything but when the gateway was probed and when the cluster last changed
            assertEquals(withoutTimes(c), withoutTimes(listed));
        }

        // a finding shows in the one-shot status as in the watch: same objects, same checks
        mesh.admin("cluster-1").secrets().inNamespace(NS).withName("istio-remote-secret-cluster-2").delete();
        MeshStatus broken = StatusMonitor.once(mesh.plan, mesh.clients, Duration.ofSeconds(20));
        assertFalse(broken.healthy());
        assertTrue(broken.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR && f.message().contains("cluster-2")), broken.findings().toString());
    }

    private static String withoutTimes(ClusterStatus c) {
        return c.toString().replaceAll("\\b(at|lastChange)=[0-9T:.Z-]+", "$1=*");
    }

    @Test
    void healthyMeshShowsEverythingAndNoFindings() throws Exception {
        MeshStatus s = snapshots.awaitHealthy();
        assertEquals("mesh1", s.meshId());
        assertTrue(s.healthy());
        ClusterStatus c1 = s.cluster("cluster-1").orElseThrow();
        assertEquals(ConnectionState.SYNCED, c1.state());
        assertEquals("demo-cluster-1", c1.context());
        assertTrue(c1.demo(), "a cluster of a demo kubeconfig is marked demo");
        assertEquals("vpc-1", c1.network());
        assertEquals(new IstiodStatus(1, 1, dev.crossmesh.plan.IstioSpec.DEFAULT_VERSION, "cluster-1", "mesh1", "cluster.local"), c1.istiod());
        GatewayStatus gw = c1.gateway();
        assertEquals("LoadBalancer", gw.serviceType());
        assertEquals("127.0.0.1", gw.address());
        assertEquals(mesh.gateway("cluster-1").port(), gw.statusPort(), "the crossmesh.dev/status-port annotation wins");
        assertEquals(1, gw.podsReady());
        assertEquals(1, gw.podsTotal());
        assertEquals(List.of(15021, 15443, 15012, 15017), gw.ports().stream().map(GatewayPort::port).toList());
        assertEquals(ProbeState.READY, gw.probe().state());
        assertEquals("http://127.0.0.1:" + mesh.gateway("cluster-1").port() + "/healthz/ready", gw.probe().url());
        assertEquals(List.of("cross-network-gateway"), c1.istioGateways().stream().map(IstioGateway::name).toList());
        assertTrue(c1.istioGateways().get(0).isCrossNetwork());
        assertEquals(List.of("cluster-2"), c1.remoteSecretClusters());
        assertEquals(mesh.rootSha256(), c1.rootCertificate().sha256(), "the fingerprint is openssl's: SHA-256 over the DER");
        assertEquals(mesh.rootSha256(), c1.rootCertificate().pluggedSha256());
        assertTrue(c1.lastChange() != null);
        RemoteSecretMatrix matrix = s.remoteSecretMatrix();
        assertEquals(RemoteSecretMatrix.Cell.PRESENT, matrix.cell("cluster-1", "cluster-2"));
        assertEquals(RemoteSecretMatrix.Cell.PRESENT, matrix.cell("cluster-2", "cluster-1"));
        assertEquals(RemoteSecretMatrix.Cell.SELF, matrix.cell("cluster-1", "cluster-1"));
    }

    static Finding finding(MeshStatus s, String code, String cluster) {
        return s.findings().stream().filter(f -> f.code().equals(code) && f.cluster().equals(cluster)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " for " + cluster + " not in" + Snapshots.describe(s)));
    }

    static Finding error(MeshStatus s, String code, String cluster) {
        Finding f = finding(s, code, cluster);
        assertEquals(Severity.ERROR, f.severity(), f.toLine());
        assertTrue(f.message().contains(cluster), "names the cluster: " + f.message());
        assertFalse(s.healthy());
        return f;
    }

    static Finding warning(MeshStatus s, String code, String cluster) {
        Finding f = finding(s, code, cluster);
        assertEquals(Severity.WARNING, f.severity(), f.toLine());
        assertTrue(f.message().contains(cluster), "names the cluster: " + f.message());
        return f;
    }

    static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected «" + part + "» in: " + text);
    }

    @Test
    void namespaceMissing() throws Exception {
        mesh.admin("cluster-2").namespaces().withName(NS).delete();
        MeshStatus s = snapshots.awaitFinding(StatusCodes.ISTIO_NAMESPACE_MISSING, "cluster-2");
        assertContains(error(s, StatusCodes.ISTIO_NAMESPACE_MISSING, "cluster-2").message(), "kubectl --context=demo-cluster-2 create namespace istio-system");
        assertFalse(s.cluster("cluster-2").orElseThrow().namespacePresent());
        mesh.installHealthy("cluster-2");
        snapshots.awaitHealthy();
    }

    @Test
    void networkLabelMissingThenWrong() throws Exception {
        KubernetesClient k = mesh.admin("cluster-2");
        k.namespaces().withName(NS).edit(n -> {
            n.getMetadata().getLabels().remove(Labels.NETWORK);
            return n;
        });
        MeshStatus s = snapshots.awaitFinding(StatusCodes.NETWORK_LABEL_MISSING, "cluster-2");
        assertContains(error(s, StatusCodes.NETWORK_LABEL_MISSING, "cluster-2").message(),
                "kubectl --context=demo-cluster-2 label namespace istio-system topology.istio.io/network=vpc-2");
        assertEquals("", s.cluster("cluster-2").orElseThrow().network());

        k.namespaces().withName(NS).edit(n -> {
            n.getMetadata().getLabels().put(Labels.NETWORK, "vpc-1");
            return n;
        });
        s = snapshots.awaitFinding(StatusCodes.NETWORK_LABEL_WRONG, "cluster-2");
        assertContains(error(s, StatusCodes.NETWORK_LABEL_WRONG, "cluster-2").message(), "--overwrite");
        assertEquals("vpc-1", s.cluster("cluster-2").orElseThrow().network());

        mesh.installHealthy("cluster-2");
        snapshots.awaitHealthy();
    }

    @Test
    void istiodNotReadyThenMissingThenPartlyReady() throws Exception {
        KubernetesClient k = mesh.admin("cluster-1");
        k.pods().inNamespace(NS).withName("istiod-7f9c-abcde").delete();
        MeshStatus s = snapshots.awaitFinding(StatusCodes.ISTIOD_NOT_READY, "cluster-1");
        error(s, StatusCodes.ISTIOD_NOT_READY, "cluster-1");
        assertEquals(0, s.cluster("cluster-1").orElseThrow().istiod().ready());
        assertEquals(1, s.cluster("cluster-1").orElseThrow().istiod().total(), "no pod yet: the Deployment's replicas");

        k.apps().deployments().inNamespace(NS).withName("istiod").delete();
        s = snapshots.awaitFinding(StatusCodes.ISTIOD_MISSING, "cluster-1");
        assertContains(error(s, StatusCodes.ISTIOD_MISSING, "cluster-1").message(), "istioctl --context=demo-cluster-1 install");

        mesh.installHealthy("cluster-1");
        MeshFixture.apply(k, MeshFixture.pod("istiod-7f9c-second", Map.of("app", "istiod"), false));
        s = snapshots.await("istiod 1/2", st -> st.cluster("cluster-1").orElseThrow().istiod().total() == 2);
        warning(s, StatusCodes.ISTIOD_NOT_READY, "cluster-1");
        assertTrue(s.healthy(), "a partly ready control plane is a warning");

        k.pods().inNamespace(NS).withName("istiod-7f9c-second").delete();
        snapshots.awaitHealthy();
    }

    @Test
    void meshIdTrustDomainClusterNameAndVersionDisagreeWithThePlan() throws Exception {
        KubernetesClient k = mesh.admin("cluster-2");
        k.configMaps().inNamespace(NS).withName("istio").edit(cm -> {
            cm.getData().put("mesh", "defaultConfig:\n  meshId: other-mesh\ntrustDomain: other.local\n");
            return cm;
        });
        MeshFixture.apply(k, mesh.istiodDeployment("kubernetes", "docker.io/istio/pilot:1.20.8"));
        MeshStatus s = snapshots.await("all four", st -> st.findingsFor("cluster-2").size() == 4);
        assertContains(error(s, StatusCodes.MESH_ID_MISMATCH, "cluster-2").message(), "values.global.meshID=mesh1");
        assertContains(error(s, StatusCodes.TRUST_DOMAIN_MISMATCH, "cluster-2").message(), "other.local");
        assertContains(error(s, StatusCodes.CLUSTER_NAME_MISMATCH, "cluster-2").message(), "CLUSTER_ID=kubernetes");
        assertContains(warning(s, StatusCodes.ISTIO_VERSION_DIFFERS, "cluster-2").message(), "1.20.8");
        assertEquals(new IstiodStatus(1, 1, "1.20.8", "kubernetes", "other-mesh", "other.local"), s.cluster("cluster-2").orElseThrow().istiod());

        mesh.installHealthy("cluster-2");
        snapshots.awaitHealthy();
    }

    @Test
    void gatewayWithoutAddressThenNodePort() throws Exception {
        mesh.setGatewayAddress("cluster-1", "");
        MeshStatus s = snapshots.awaitFinding(StatusCodes.GATEWAY_NO_ADDRESS, "cluster-1");
        assertContains(error(s, StatusCodes.GATEWAY_NO_ADDRESS, "cluster-1").message(), "pending");
        GatewayStatus gw = s.cluster("cluster-1").orElseThrow().gateway();
        assertEquals("", gw.address());
        assertEquals(ProbeState.NOT_PROBED, gw.probe().state());
        assertContains(gw.noAddressReason(), "NodePort");

        MeshFixture.apply(mesh.admin("cluster-1"), mesh.gatewayService(mesh.cluster("cluster-1"), "NodePort"));
        s = snapshots.await("NodePort", st -> st.cluster("cluster-1").orElseThrow().gateway().serviceType().equals("NodePort"));
        warning(s, StatusCodes.GATEWAY_NODE_PORT, "cluster-1");
        assertTrue(s.findings().stream().noneMatch(f -> f.code().equals(StatusCodes.GATEWAY_NO_ADDRESS)));

        mesh.installHealthy("cluster-1");
        snapshots.awaitHealthy();
    }

    @Test
    void gatewayServiceMissing() throws Exception {
        mesh.admin("cluster-2").services().inNamespace(NS).withName(Labels.EASTWEST_NAME).delete();
        MeshStatus s = snapshots.awaitFinding(StatusCodes.GATEWAY_SERVICE_MISSING, "cluster-2");
        error(s, StatusCodes.GATEWAY_SERVICE_MISSING, "cluster-2");
        assertFalse(s.cluster("cluster-2").orElseThrow().gateway().present());
        mesh.installHealthy("cluster-2");
        snapshots.awaitHealthy();
    }

    @Test
    void gatewayServiceWithoutNetworkLabelOrCrossNetworkPort() throws Exception {
        KubernetesClient k = mesh.admin("cluster-2");
        k.services().inNamespace(NS).withName(Labels.EASTWEST_NAME).edit(svc -> {
            svc.getMetadata().getLabels().remove(Labels.NETWORK);
            svc.getSpec().getPorts().removeIf(p -> p.getPort() == 15443);
            return svc;
        });
        MeshStatus s = snapshots.await("label and port", st -> st.findingsFor("cluster-2").size() == 2);
        assertContains(error(s, StatusCodes.GATEWAY_NETWORK_LABEL, "cluster-2").message(), "label service istio-eastwestgateway topology.istio.io/network=vpc-2");
        assertContains(error(s, StatusCodes.GATEWAY_PORT_MISSING, "cluster-2").message(), "15443");
        mesh.installHealthy("cluster-2");
        snapshots.awaitHealthy();
    }

    @Test
    void gatewayPodsNotReadyThenGone() throws Exception {
        KubernetesClient k = mesh.admin("cluster-1");
        MeshFixture.apply(k, MeshFixture.pod("istio-eastwestgateway-5d8f-xyz12", Map.of(Labels.ISTIO_SELECTOR, Labels.EASTWEST_SELECTOR_VALUE), false));
        MeshStatus s = snapshots.awaitFinding(StatusCodes.GATEWAY_PODS_NOT_READY, "cluster-1");
        assertContains(error(s, StatusCodes.GATEWAY_PODS_NOT_READY, "cluster-1").message(), "0/1");
        k.pods().inNamespace(NS).withName("istio-eastwestgateway-5d8f-xyz12").delete();
        s = snapshots.await("no gateway pods", st -> st.cluster("cluster-1").orElseThrow().gateway().podsTotal() == 0);
        assertContains(error(s, StatusCodes.GATEWAY_PODS_NOT_READY, "cluster-1").message(), "has no pods");
        mesh.installHealthy("cluster-1");
        snapshots.awaitHealthy();
    }

    @Test
    void probeNotReadyThenUnreachable() throws Exception {
        mesh.gateway("cluster-2").answer(503);
        MeshStatus s = snapshots.awaitFinding(StatusCodes.GATEWAY_PROBE_NOT_READY, "cluster-2");
        assertContains(error(s, StatusCodes.GATEWAY_PROBE_NOT_READY, "cluster-2").message(), "HTTP 503");
        assertEquals(ProbeState.NOT_READY, s.cluster("cluster-2").orElseThrow().gateway().probe().state());
        mesh.gateway("cluster-2").answer(200);
        snapshots.awaitHealthy();

        int closedPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        mesh.admin("cluster-2").services().inNamespace(NS).withName(Labels.EASTWEST_NAME).edit(svc -> {
            svc.getMetadata().getAnnotations().put(ClusterReader.STATUS_PORT_ANNOTATION, String.valueOf(closedPort));
            return svc;
        });
        s = snapshots.awaitFinding(StatusCodes.GATEWAY_PROBE_UNREACHABLE, "cluster-2");
        Finding f = warning(s, StatusCodes.GATEWAY_PROBE_UNREACHABLE, "cluster-2");
        assertContains(f.message(), "not the same as down");
        ProbeResult probe = s.cluster("cluster-2").orElseThrow().gateway().probe();
        assertEquals(ProbeState.UNREACHABLE, probe.state());
        assertEquals("connection refused from this machine", probe.detail());
        assertEquals(closedPort, s.cluster("cluster-2").orElseThrow().gateway().statusPort());
        assertTrue(s.healthy(), "unreachable from here is a warning, not an error");
        mesh.installHealthy("cluster-2");
        snapshots.awaitHealthy();
    }

    @Test
    void crossNetworkGatewayMissingThenDuplicated() throws Exception {
        KubernetesClient k = mesh.admin("cluster-1");
        MeshFixture.gateways(k, "networking.istio.io/v1").withName(Labels.CROSS_NETWORK_GATEWAY).delete();
        MeshStatus s = snapshots.awaitFinding(StatusCodes.CROSS_NETWORK_GATEWAY_MISSING, "cluster-1");
        assertContains(error(s, StatusCodes.CROSS_NETWORK_GATEWAY_MISSING, "cluster-1").message(), "AUTO_PASSTHROUGH");
        mesh.installHealthy("cluster-1");
        snapshots.awaitHealthy();

        // a second Gateway on the same selector and port, made with the older API version
        MeshFixture.apply(k, mesh.crossNetworkGateway("expose-services-copy", "networking.istio.io/v1alpha3"));
        s = snapshots.awaitFinding(StatusCodes.DUPLICATE_CROSS_NETWORK_GATEWAYS, "cluster-1");
        assertContains(error(s, StatusCodes.DUPLICATE_CROSS_NETWORK_GATEWAYS, "cluster-1").message(), "cross-network-gateway, expose-services-copy");
        assertEquals(List.of("networking.istio.io/v1", "networking.istio.io/v1alpha3"),
                s.cluster("cluster-1").orElseThrow().istioGateways().stream().map(IstioGateway::apiVersion).toList());
        MeshFixture.gateways(k, "networking.istio.io/v1alpha3").withName("expose-services-copy").delete();
        snapshots.awaitHealthy();
    }

    @Test
    void remoteSecretMissingExtraAndDuplicate() throws Exception {
        KubernetesClient k = mesh.admin("cluster-2");
        k.secrets().inNamespace(NS).withName(Labels.remoteSecretName("cluster-1")).delete();
        MeshStatus s = snapshots.awaitFinding(StatusCodes.REMOTE_SECRET_MISSING, "cluster-2");
        assertContains(error(s, StatusCodes.REMOTE_SECRET_MISSING, "cluster-2").message(),
                "istioctl create-remote-secret --context=demo-cluster-1 --name=cluster-1 | kubectl --context=demo-cluster-2 apply -n istio-system -f -");
        assertEquals(RemoteSecretMatrix.Cell.MISSING, s.remoteSecretMatrix().cell("cluster-2", "cluster-1"));
        assertEquals(RemoteSecretMatrix.Cell.PRESENT, s.remoteSecretMatrix().cell("cluster-1", "cluster-2"));
        mesh.installHealthy("cluster-2");
        snapshots.awaitHealthy();

        MeshFixture.apply(k, mesh.remoteSecret("cluster-9"));
        MeshFixture.apply(k, mesh.remoteSecret("cluster-2"));
        var duplicate = mesh.remoteSecret("cluster-1");
        duplicate.getMetadata().setName("istio-remote-secret-cluster-1-old");
        MeshFixture.apply(k, duplicate);
        s = snapshots.await("three extra secrets", st -> st.findingsFor("cluster-2").size() == 3);
        List<Finding> extra = s.findingsFor("cluster-2").stream().filter(f -> f.code().equals(StatusCodes.REMOTE_SECRET_EXTRA)).toList();
        assertEquals(2, extra.size(), extra.toString());
        assertContains(extra.get(0).message() + extra.get(1).message(), "cluster-9, which is not in the plan");
        assertContains(extra.get(0).message() + extra.get(1).message(), "istiod ignores it");
        assertContains(warning(s, StatusCodes.REMOTE_SECRET_DUPLICATE, "cluster-2").message(), "istio-remote-secret-cluster-1, istio-remote-secret-cluster-1-old");
        assertEquals(List.of("cluster-1", "cluster-2", "cluster-9"), s.cluster("cluster-2").orElseThrow().remoteSecretClusters());
        assertTrue(s.healthy(), "extra secrets are warnings");
        for (String name : List.of("istio-remote-secret-cluster-9", "istio-remote-secret-cluster-2", "istio-remote-secret-cluster-1-old")) {
            k.secrets().inNamespace(NS).withName(name).delete();
        }
        snapshots.awaitHealthy();
    }

    @Test
    void cacertsMissing() throws Exception {
        mesh.admin("cluster-1").secrets().inNamespace(NS).withName("cacerts").delete();
        MeshStatus s = snapshots.awaitFinding(StatusCodes.CACERTS_MISSING, "cluster-1");
        assertContains(error(s, StatusCodes.CACERTS_MISSING, "cluster-1").message(), "self-signed root");
        assertFalse(s.cluster("cluster-1").orElseThrow().rootCertificate().cacertsPresent());
        mesh.installHealthy("cluster-1");
        snapshots.awaitHealthy();
    }

    @Test
    void differentRootsThenRootNotRolledOut() throws Exception {
        RootCa other = MeshCertificateAuthority.createRoot(KeyType.EC_P256);
        String otherPem = Pem.encode(other.certificate());
        KubernetesClient k = mesh.admin("cluster-2");
        MeshFixture.apply(k, MeshFixture.cacerts(MeshCertificateAuthority.issueIntermediate(other, "cluster-2", KeyType.EC_P256)));
        MeshStatus s = snapshots.awaitFinding(StatusCodes.ROOT_CERT_NOT_ROLLED_OUT, "cluster-2");
        assertContains(warning(s, StatusCodes.ROOT_CERT_NOT_ROLLED_OUT, "cluster-2").message(), "rollout restart deployment/istiod");
        assertTrue(s.findings().stream().noneMatch(f -> f.code().equals(StatusCodes.ROOT_CERTS_DIFFER)),
                "istiod still hands out the mesh root, so the clusters still trust each other");

        k.configMaps().inNamespace(NS).withName("istio-ca-root-cert").edit(cm -> {
            cm.getData().put("root-cert.pem", otherPem);
            return cm;
        });
        s = snapshots.awaitFinding(StatusCodes.ROOT_CERTS_DIFFER, "cluster-2");
        Finding f = error(s, StatusCodes.ROOT_CERTS_DIFFER, "cluster-2");
        assertContains(f.message(), Pem.sha256Fingerprint(other.certificate()).substring(0, 12));
        assertContains(f.message(), mesh.rootSha256().substring(0, 12));
        assertEquals(Pem.sha256Fingerprint(other.certificate()), s.cluster("cluster-2").orElseThrow().rootCertificate().sha256());

        mesh.installHealthy("cluster-2");
        snapshots.awaitHealthy();
    }

    @Test
    void aChangeInAClusterIsInTheNextSnapshot() throws Exception {
        long before = monitor.snapshotCount();
        java.time.Instant changed = java.time.Instant.now();
        mesh.setGatewayAddress("cluster-2", "127.0.0.9");
        MeshStatus s = snapshots.await("new address", st -> st.cluster("cluster-2").orElseThrow().gateway().address().equals("127.0.0.9"));
        assertTrue(monitor.snapshotCount() > before);
        assertFalse(s.cluster("cluster-2").orElseThrow().lastChange().isBefore(changed));
        assertTrue(s.cluster("cluster-1").orElseThrow().lastChange().isBefore(changed), "only cluster-2 changed");
        // the probe follows the address (nothing listens on 127.0.0.9 at that port)
        snapshots.await("probe of the new address", st -> st.cluster("cluster-2").orElseThrow().gateway().probe().url().startsWith("http://127.0.0.9:")
                && st.cluster("cluster-2").orElseThrow().gateway().probe().state() == ProbeState.UNREACHABLE);
        mesh.installHealthy("cluster-2");
        snapshots.awaitHealthy();
    }
}
