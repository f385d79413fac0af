package dev.crossmesh.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Flavor;
import dev.crossmesh.plan.GatewaySpec;
import dev.crossmesh.plan.IstioSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanReader;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.ServiceType;
import dev.crossmesh.plan.Topology;

class ManifestRendererTest {

    /** Stand-in certificates: golden files must not change with every run's random keys. */
    static Map<String, ClusterCerts> fakeCerts(MeshPlan plan) {
        Map<String, ClusterCerts> certs = new LinkedHashMap<>();
        for (ClusterSpec c : plan.clusters()) {
            String root = "-----BEGIN CERTIFICATE-----\nROOT\n-----END CERTIFICATE-----\n";
            String ca = "-----BEGIN CERTIFICATE-----\nINTERMEDIATE " + c.name() + "\n-----END CERTIFICATE-----\n";
            certs.put(c.name(), new ClusterCerts(ca, "-----BEGIN PRIVATE KEY-----\nKEY " + c.name() + "\n-----END PRIVATE KEY-----\n", root, ca + root));
        }
        return certs;
    }

    static MeshPlan example(String name) throws Exception {
        return PlanReader.read(Path.of("examples", name)).plan();
    }

    static String dumpAll(RenderedMesh mesh) {
        StringBuilder s = new StringBuilder();
        mesh.byCluster().forEach((cluster, manifests) -> manifests.forEach(m ->
                s.append("# ").append(cluster).append('/').append(m.fileName()).append(" (").append(m.method()).append(")\n")
                        .append(m.yaml()).append("---\n")));
        return s.toString();
    }

    @Test
    void twoClusterMultiPrimaryMatchesGolden() throws Exception {
        MeshPlan plan = example("two-clusters.yaml");
        Golden.assertMatches("two-clusters.yaml", dumpAll(ManifestRenderer.render(plan, fakeCerts(plan))));
    }

    @Test
    void primaryRemoteMatchesGolden() throws Exception {
        MeshPlan plan = example("primary-remote.yaml");
        Golden.assertMatches("primary-remote.yaml", dumpAll(ManifestRenderer.render(plan, fakeCerts(plan))));
    }

    @Test
    void everyManifestParsesBackToItsObjectAndIsApplyable() throws Exception {
        for (String example : List.of("two-clusters.yaml", "primary-remote.yaml")) {
            MeshPlan plan = example(example);
            for (Manifest m : ManifestRenderer.render(plan, fakeCerts(plan)).all()) {
                List<Map<String, Object>> docs = KubeYaml.loadAll(m.yaml());
                assertEquals(1, docs.size());
                assertEquals(m.object(), docs.get(0), m.fileName());
                assertTrue(m.apiVersion() != null && m.kind() != null && m.name() != null, m.fileName());
                assertEquals("istio-system", m.namespace().isEmpty() ? "istio-system" : m.namespace());
                assertEquals("crossmesh", m.labels().get(Labels.MANAGED_BY), m.fileName());
                assertEquals(plan.meshId(), m.labels().get(Labels.MESH), m.fileName());
            }
        }
    }

    @Test
    void multiPrimaryClusterGetsEveryObjectInOrder() throws Exception {
        MeshPlan plan = example("two-clusters.yaml");
        List<Manifest> ms = ManifestRenderer.render(plan, fakeCerts(plan)).manifests("cluster-1");
        assertEquals(List.of("Namespace", "Secret", "IstioOperator", "IstioOperator", "ServiceAccount", "Deployment", "Service", "Gateway", "Secret"),
                ms.stream().map(Manifest::kind).toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), ms.stream().map(Manifest::order).toList());

        Map<String, Object> ns = ms.get(0).object();
        assertEquals("vpc-1", labels(ns).get("topology.istio.io/network"));

        Map<String, Object> cacerts = ms.get(1).object();
        assertEquals("cacerts", name(cacerts));
        assertEquals(List.of("ca-cert.pem", "ca-key.pem", "root-cert.pem", "cert-chain.pem"), List.copyOf(map(cacerts, "stringData").keySet()));

        Map<String, Object> global = map(ms.get(2).object(), "spec", "values", "global");
        assertEquals("mesh1", global.get("meshID"));
        assertEquals("cluster-1", map(global, "multiCluster").get("clusterName"));
        assertEquals("vpc-1", global.get("network"));
        assertEquals("cluster.local", map(ms.get(2).object(), "spec", "meshConfig").get("trustDomain"));

        Map<String, Object> ingress = map(list(map(ms.get(3).object(), "spec", "components"), "ingressGateways").get(0));
        assertEquals("istio-eastwestgateway", ingress.get("name"));
        assertEquals(Map.of("istio", "eastwestgateway", "app", "istio-eastwestgateway", "topology.istio.io/network", "vpc-1"), ingress.get("label"));
        assertEquals(List.of(Map.of("name", "ISTIO_META_REQUESTED_NETWORK_VIEW", "value", "vpc-1")), map(ingress, "k8s").get("env"));

        Map<String, Object> pod = map(ms.get(5).object(), "spec", "template");
        assertEquals("gateway", map(pod, "metadata", "annotations").get("inject.istio.io/templates"));
        assertEquals("vpc-1", map(pod, "metadata", "labels").get("topology.istio.io/network"));
        assertEquals("true", map(pod, "metadata", "labels").get("sidecar.istio.io/inject"));
        Map<String, Object> container = map(list(map(pod, "spec"), "containers").get(0));
        assertEquals("auto", container.get("image"));

        Map<String, Object> svc = ms.get(6).object();
        assertEquals("LoadBalancer", map(svc, "spec").get("type"));
        assertEquals("vpc-1", labels(svc).get("topology.istio.io/network"));
        assertEquals(List.of(15021, 15443, 15012, 15017), list(map(svc, "spec"), "ports").stream().map(p -> map(p).get("port")).toList());

        Map<String, Object> gw = ms.get(7).object();
        assertEquals("networking.istio.io/v1", gw.get("apiVersion"));
        assertEquals("cross-network-gateway", name(gw));
        Map<String, Object> server = map(list(map(gw, "spec"), "servers").get(0));
        assertEquals(Map.of("number", 15443, "name", "tls", "protocol", "TLS"), server.get("port"));
        assertEquals("AUTO_PASSTHROUGH", map(server, "tls").get("mode"));
        assertEquals(List.of("*.local"), server.get("hosts"));
        assertEquals(Map.of("istio", "eastwestgateway"), map(gw, "spec").get("selector"));

        Manifest remote = ms.get(8);
        assertEquals(ApplyMethod.REMOTE_SECRET, remote.method());
        assertEquals("istio-remote-secret-cluster-2", remote.name());
        assertEquals("true", remote.labels().get("istio/multiCluster"));
        assertEquals("cluster-2", map(remote.object(), "metadata", "annotations").get("networking.istio.io/cluster"));
        assertTrue(remote.previewYaml().contains("<hidden"), "the kubeconfig is hidden in previews");
    }

    @Test
    void primaryRemoteExposesIstiodAndPointsTheRemoteAtIt() throws Exception {
        MeshPlan plan = example("primary-remote.yaml");
        RenderedMesh placeholders = ManifestRenderer.render(plan, fakeCerts(plan));
        Manifest waiting = placeholders.manifests("remote-1").stream().filter(m -> m.name().equals("crossmesh-control-plane")).findFirst().orElseThrow();
        assertEquals(ManifestRenderer.addressPlaceholder("primary-1"), map(waiting.object(), "spec", "values", "global").get("remotePilotAddress"));
        // the address is filled into the one rendering, as apply.sh fills it: every other manifest stays byte for byte
        RenderedMesh mesh = placeholders.withGatewayAddresses(Map.of("primary-1", "34.1.2.3"));
        for (String cluster : List.of("primary-1", "remote-1")) {
            for (int i = 0; i < mesh.manifests(cluster).size(); i++) {
                Manifest before = placeholders.manifests(cluster).get(i);
                Manifest after = mesh.manifests(cluster).get(i);
                if (before != waiting) {
                    assertEquals(before.yaml(), after.yaml(), before.displayName());
                } else {
                    assertEquals(before.yaml().replace(ManifestRenderer.addressPlaceholder("primary-1"), "34.1.2.3"), after.yaml());
                }
            }
        }
        List<String> primary = mesh.manifests("primary-1").stream().map(Manifest::name).toList();
        assertTrue(primary.containsAll(List.of("istiod-gateway", "istiod-vs", "cross-network-gateway", "istio-remote-secret-remote-1")), primary.toString());
        List<Manifest> remote = mesh.manifests("remote-1");
        assertFalse(remote.stream().anyMatch(m -> m.name().equals("cross-network-gateway")));
        assertFalse(remote.stream().anyMatch(m -> m.method() == ApplyMethod.REMOTE_SECRET), "remote secrets flow one way: remote to primary");

        Manifest iop = remote.stream().filter(m -> m.name().equals("crossmesh-control-plane")).findFirst().orElseThrow();
        assertEquals("remote", map(iop.object(), "spec").get("profile"));
        assertEquals("34.1.2.3", map(iop.object(), "spec", "values", "global").get("remotePilotAddress"));
        assertEquals("/inject/cluster/remote-1/net/vpc-2", map(iop.object(), "spec", "values", "istiodRemote").get("injectionPath"));
        assertEquals("primary-1", map(remote.get(0).object(), "metadata", "annotations").get("topology.istio.io/controlPlaneClusters"));
        Manifest primaryIop = mesh.manifests("primary-1").stream().filter(m -> m.name().equals("crossmesh-control-plane")).findFirst().orElseThrow();
        assertEquals(true, map(primaryIop.object(), "spec", "values", "global").get("externalIstiod"));

        Manifest secret = mesh.manifests("primary-1").stream().filter(m -> m.method() == ApplyMethod.REMOTE_SECRET).findFirst().orElseThrow();
        assertTrue(((String) map(secret.object(), "stringData").get("remote-1")).contains("server: https://remote-1.example.com:443"));
        Map<String, Object> svcMeta = map(mesh.manifests("primary-1").stream().filter(m -> m.kind().equals("Service")).findFirst().orElseThrow().object(), "metadata");
        assertEquals(Map.of("networking.gke.io/load-balancer-type", "Internal"), svcMeta.get("annotations"));
    }

    @Test
    void annotationValuesReachTheServiceYamlByteForByte() throws Exception {
        Map<String, String> annotations = Map.of("example.com/block", "line one\n", "example.com/padded", "  x  ", "example.com/two", "a\n\n",
                "example.com/json", "{\"a\": 1}\n");
        MeshPlan plan = example("two-clusters.yaml").withGateway(new GatewaySpec(ServiceType.LOAD_BALANCER, annotations));
        for (Manifest m : ManifestRenderer.render(plan, fakeCerts(plan)).manifests("cluster-1")) {
            if (m.kind().equals("Service")) {
                assertEquals(annotations, map(KubeYaml.loadAll(m.yaml()).get(0), "metadata").get("annotations"), m.yaml());
            }
        }
    }

    @Test
    void remoteWithoutKnownAddressHoldsAPlaceholder() throws Exception {
        MeshPlan plan = example("primary-remote.yaml");
        Manifest iop = ManifestRenderer.render(plan, fakeCerts(plan)).manifests("remote-1").stream()
                .filter(m -> m.name().equals("crossmesh-control-plane")).findFirst().orElseThrow();
        assertEquals(ManifestRenderer.addressPlaceholder("primary-1"), map(iop.object(), "spec", "values", "global").get("remotePilotAddress"));
    }

    @Test
    void meshCaHasNoCacertsAndSaysSoInTheControlPlane() throws Exception {
        MeshPlan plan = example("two-clusters.yaml").withCa(CaMode.MESH_CA).withIstio(new IstioSpec(Flavor.ASM, "1.20.3", "asm-1203-1"));
        List<Manifest> ms = ManifestRenderer.render(plan, Map.of()).manifests("cluster-1");
        assertFalse(ms.stream().anyMatch(m -> m.name().equals("cacerts")));
        Manifest iop = byName(ms).get("crossmesh-control-plane");
        assertEquals("meshca.googleapis.com:443", map(iop.object(), "spec", "values", "global").get("caAddress"));
        assertEquals("GoogleCA", map(iop.object(), "spec", "values", "pilot", "env").get("CA_PROVIDER"));
        assertEquals("asm-1203-1", map(iop.object(), "spec").get("revision"));
        Manifest deployment = ms.stream().filter(m -> m.kind().equals("Deployment")).findFirst().orElseThrow();
        assertEquals("asm-1203-1", map(deployment.object(), "spec", "template", "metadata", "labels").get("istio.io/rev"));
        // the gateway chart puts both on a revisioned gateway's pods (manifests/charts/gateway/templates/_helpers.tpl)
        assertEquals("true", map(deployment.object(), "spec", "template", "metadata", "labels").get("sidecar.istio.io/inject"));
        assertEquals("asm-1203-1", byName(ms).get("cross-network-gateway").labels().get("istio.io/rev"));
        assertNull(ms.get(0).labels().get("istio.io/rev"), "the namespace must not get a revision label");
    }

    @Test
    void previewHidesTheCaKeyAndNothingElse() throws Exception {
        MeshPlan plan = example("two-clusters.yaml");
        Manifest cacerts = byName(ManifestRenderer.render(plan, fakeCerts(plan)).manifests("cluster-1")).get("cacerts");
        assertTrue(cacerts.yaml().contains("KEY cluster-1"));
        assertFalse(cacerts.previewYaml().contains("KEY cluster-1"));
        assertTrue(cacerts.previewYaml().contains("INTERMEDIATE cluster-1"));
        Manifest ns = ManifestRenderer.render(plan, fakeCerts(plan)).manifests("cluster-1").get(0);
        assertEquals(ns.yaml(), ns.previewYaml());
    }

    @Test
    void renderingIsDeterministic() throws Exception {
        MeshPlan plan = example("two-clusters.yaml");
        assertEquals(dumpAll(ManifestRenderer.render(plan, fakeCerts(plan))), dumpAll(ManifestRenderer.render(plan, fakeCerts(plan))));
    }

    @Test
    void nodePortServiceType() throws Exception {
        MeshPlan plan = example("two-clusters.yaml");
        plan = plan.withGateway(new dev.crossmesh.plan.GatewaySpec(dev.crossmesh.plan.ServiceType.NODE_PORT, Map.of()));
        Manifest svc = ManifestRenderer.render(plan, fakeCerts(plan)).manifests("cluster-2").stream().filter(m -> m.kind().equals("Service")).findFirst().orElseThrow();
        assertEquals("NodePort", map(svc.object(), "spec").get("type"));
    }

    @Test
    void manyClustersRenderEveryPair() throws Exception {
        List<ClusterSpec> clusters = new java.util.ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            clusters.add(new ClusterSpec("c" + i, "ctx" + i, "net" + (i % 3), "", Role.PRIMARY, ""));
        }
        MeshPlan plan = MeshPlan.of("big", clusters).withTopology(Topology.MULTI_PRIMARY);
        RenderedMesh mesh = ManifestRenderer.render(plan, fakeCerts(plan));
        assertEquals(90, mesh.all().stream().filter(m -> m.method() == ApplyMethod.REMOTE_SECRET).count());
        // each reader holds the source's secret as its own manifest, written out once but the same text everywhere
        for (ClusterSpec reader : plan.clusters()) {
            List<Manifest> manifests = mesh.manifests(reader.name());
            for (int i = 0; i < manifests.size(); i++) {
                Manifest m = manifests.get(i);
                assertEquals(reader.name(), m.cluster());
                assertEquals(i + 1, m.order());
                if (m.method() == ApplyMethod.REMOTE_SECRET) {
                    ClusterSpec source = plan.cluster(m.hiddenKeys().iterator().next()).orElseThrow();
                    assertEquals(KubeYaml.dump(RemoteSecrets.template(plan, source)), m.yaml());
                    assertEquals(java.util.Set.of(source.name()), m.hiddenKeys());
                }
            }
        }
    }

    // --- helpers ---

    static Map<String, Manifest> byName(List<Manifest> ms) {
        return ms.stream().collect(Collectors.toMap(Manifest::name, m -> m, (a, b) -> a, LinkedHashMap::new));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String... path) {
        Object cur = o;
        for (String p : path) {
            cur = ((Map<String, Object>) cur).get(p);
        }
        return (Map<String, Object>) cur;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> o, String key) {
        return (List<Object>) o.get(key);
    }

    static Map<String, Object> labels(Map<String, Object> object) {
        return map(object, "metadata", "labels");
    }

    static String name(Map<String, Object> object) {
        return (String) map(object, "metadata").get("name");
    }
}
