package dev.crossmesh.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.Flavor;
import dev.crossmesh.plan.IstioReleases;
import dev.crossmesh.plan.IstioSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanCodes;
import dev.crossmesh.plan.PlanValidator;
import dev.crossmesh.plan.ReleaseFacts;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.Severity;
import dev.crossmesh.plan.Topology;

/**
 * Exports of every release crossmesh knows, checked against expectations written by hand from Istio's own tooling at
 * each tag (not from crossmesh's release table): {@code samples/multicluster/gen-eastwest-gateway.sh},
 * {@code expose-services.yaml}, {@code expose-istiod.yaml} and {@code expose-istiod-rev.yaml.tmpl},
 * {@code manifests/profiles/remote.yaml}, the charts, and istioctl's {@code create-remote-secret}. Also: golden exports
 * per minor, and every key written under an IstioOperator's {@code spec.values} / {@code spec.components} exists in that
 * tag's API (src/test/resources/istio-api/iop-keys, derived from the protos at the tag).
 */
class ReleaseExportTest {

    /**
     * One row per tag. Columns, and where each was read at the tag:
     * ports      15443 port name in gen-eastwest-gateway.sh (mtls: mtls/tcp-istiod/tcp-webhook; tls: tls/tls-istiod/tls-webhook)
     * sniDnat    ISTIO_META_ROUTER_MODE=sni-dnat in gen-eastwest-gateway.sh
     * identity   values.global.meshID and multiCluster.clusterName in gen-eastwest-gateway.sh
     * injTmpl    values.gateways.istio-ingressgateway.injectionTemplate in gen-eastwest-gateway.sh
     * plainGw    istio-discovery/files/gateway-injection-template.yaml exists (a gateway Deployment with image auto starts)
     * api        apiVersion of expose-services.yaml
     * remote     how a remote without istiod is installed: none (no istiodRemote.injectionPath), base+ (istiodRemote
     *            component, base chart on: the istiod Service lives in base/templates/services.yaml), comp (istiodRemote
     *            component, base off: istiod-remote/templates/services.yaml), profile (manifests/profiles/remote.yaml)
     * ext        how a primary serves remotes: env (values.pilot.env.EXTERNAL_ISTIOD), global (istio-discovery
     *            templates/deployment.yaml maps values.global.externalIstiod to it)
     * cpc        topology.istio.io/controlPlaneClusters read by istiod (pilot/pkg/serviceregistry/kube/controller/multicluster.go)
     * dpm        gateway chart's default label istio.io/dataplane-mode: none (manifests/charts/gateway/values.yaml)
     * revTmpl    samples/multicluster/expose-istiod-rev.yaml.tmpl exists
     * cmd        x: only `istioctl x create-remote-secret` (istioctl/cmd/root.go); top: the top-level command
     * server     create-remote-secret --server
     * tlsName    create-remote-secret --tls-server-name
     * token      istioctl creates the reader's token Secret itself (istioctl/pkg/multicluster/remote_secret.go)
     */
    private static final String EXPECTATIONS = """
            # tag        ports sniDnat identity injTmpl plainGw api       remote  ext    cpc dpm revTmpl cmd server tlsName token
            1.8.0        mtls  y       y        n       n       v1alpha3 none    env    n   n   n       x   n      n       n
            1.8.1        mtls  y       y        n       n       v1alpha3 none    env    n   n   n       x   n      n       n
            1.8.2        tls   y       y        n       n       v1alpha3 none    env    n   n   n       x   n      n       n
            1.8.3        tls   y       y        n       n       v1alpha3 none    env    n   n   n       x   n      n       n
            1.8.6        tls   y       y        n       n       v1alpha3 none    env    n   n   n       x   n      n       n
            1.9.0        tls   y       y        n       n       v1alpha3 none    env    n   n   n       x   y      n       n
            1.9.1        tls   y       y        n       n       v1alpha3 none    env    n   n   n       x   y      n       n
            1.9.2        tls   y       y        n       y       v1alpha3 none    env    n   n   n       x   y      n       n
            1.9.9        tls   y       y        n       y       v1alpha3 none    env    n   n   n       x   y      n       n
            1.10.0       tls   y       y        n       y       v1alpha3 none    env    n   n   n       x   y      n       n
            1.10.6       tls   y       y        n       y       v1alpha3 none    env    n   n   n       x   y      n       n
            1.11.0       tls   y       y        y       y       v1alpha3 base+   env    n   n   n       x   y      n       n
            1.11.3       tls   y       y        y       y       v1alpha3 base+   env    n   n   n       x   y      n       n
            1.11.4       tls   y       y        y       y       v1alpha3 base+   env    n   n   y       x   y      n       n
            1.11.8       tls   y       y        y       y       v1alpha3 base+   env    n   n   y       x   y      n       n
            1.12.0       tls   n       n        y       y       v1alpha3 base+   env    n   n   y       top y      n       n
            1.12.9       tls   n       n        y       y       v1alpha3 base+   env    n   n   y       top y      n       n
            1.13.9       tls   n       n        y       y       v1alpha3 comp    env    n   n   y       top y      n       n
            1.14.6       tls   n       n        y       y       v1alpha3 comp    env    n   n   y       top y      n       y
            1.15.7       tls   n       n        y       y       v1alpha3 comp    env    y   n   y       top y      n       y
            1.16.7       tls   n       n        y       y       v1alpha3 profile env    y   n   y       top y      n       y
            1.17.8       tls   n       n        y       y       v1alpha3 profile env    y   n   y       top y      n       y
            1.18.7       tls   n       n        y       y       v1alpha3 profile env    y   n   y       top y      n       y
            1.19.10      tls   n       n        y       y       v1alpha3 profile env    y   n   y       top y      n       y
            1.20.8       tls   n       n        y       y       v1alpha3 profile env    y   n   y       top y      n       y
            1.21.6       tls   n       n        y       y       v1alpha3 profile env    y   n   y       top y      n       y
            1.22.8       tls   n       n        y       y       v1alpha3 profile env    y   n   y       top y      n       y
            1.23.6       tls   n       n        y       y       v1alpha3 profile env    y   n   y       top y      n       y
            1.24.0       tls   n       n        y       y       v1       profile global y   n   y       top y      n       y
            1.24.6       tls   n       n        y       y       v1       profile global y   n   y       top y      n       y
            1.25.5       tls   n       n        y       y       v1       profile global y   y   y       top y      n       y
            1.26.8       tls   n       n        y       y       v1       profile global y   y   y       top y      y       y
            1.27.9       tls   n       n        y       y       v1       profile global y   y   y       top y      y       y
            1.28.10      tls   n       n        y       y       v1       profile global y   y   y       top y      y       y
            1.29.6       tls   n       n        y       y       v1       profile global y   y   y       top y      y       y
            1.30.3       tls   n       n        y       y       v1       profile global y   y   y       top y      y       y
            1.31.0-rc.0  tls   n       n        y       y       v1       profile global y   y   y       top y      y       y
            """;

    record Expect(String tag, boolean mtlsPorts, boolean sniDnat, boolean identity, boolean injectionTemplate, boolean plainGateway,
            String api, String remote, String external, boolean controlPlaneClusters, boolean dataplaneModeNone, boolean revisionTemplate,
            boolean topLevelCommand, boolean serverFlag, boolean tlsServerNameFlag, boolean makesToken) {
        @Override
        public String toString() {
            return tag;
        }
    }

    static Stream<Expect> tags() {
        List<Expect> rows = new ArrayList<>();
        for (String line : EXPECTATIONS.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.trim().split("\\s+");
            rows.add(new Expect(c[0], c[1].equals("mtls"), yes(c[2]), yes(c[3]), yes(c[4]), yes(c[5]), "networking.istio.io/" + c[6], c[7], c[8],
                    yes(c[9]), yes(c[10]), yes(c[11]), c[12].equals("top"), yes(c[13]), yes(c[14]), yes(c[15])));
        }
        return rows.stream();
    }

    private static boolean yes(String s) {
        return s.equals("y");
    }

    static MeshPlan multiPrimary(String version) {
        return MeshPlan.of("mesh1", List.of(new ClusterSpec("c1", "ctx1", "net1", "", Role.PRIMARY, "https://c1.example.com:443"),
                new ClusterSpec("c2", "ctx2", "net2", "", Role.PRIMARY, "", "c2.internal")))
                .withIstio(new IstioSpec(Flavor.ISTIO, version, "")).withCa(CaMode.SHARED_ROOT);
    }

    static MeshPlan primaryRemote(String version, String revision) {
        return MeshPlan.of("mesh1", List.of(new ClusterSpec("c1", "ctx1", "net1", "", Role.PRIMARY, ""),
                new ClusterSpec("c2", "ctx2", "net2", "", Role.REMOTE, "https://c2.example.com:443")))
                .withIstio(new IstioSpec(Flavor.ISTIO, version, revision)).withTopology(Topology.PRIMARY_REMOTE).withCa(CaMode.SHARED_ROOT);
    }

    private static Map<String, Manifest> cluster(MeshPlan plan, String name) {
        return ManifestRendererTest.byName(ManifestRenderer.render(plan, ManifestRendererTest.fakeCerts(plan)).manifests(name));
    }

    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("tags")
    void eastWestGatewayAsTheSamplesAtTheTag(Expect e) {
        List<Manifest> all = ManifestRenderer.render(multiPrimary(e.tag()), ManifestRendererTest.fakeCerts(multiPrimary(e.tag()))).manifests("c1");
        Map<String, Manifest> c1 = ManifestRendererTest.byName(all);
        Manifest overlay = c1.get("eastwest");
        Map<String, Object> gateway = ManifestRendererTest.map(ManifestRendererTest.list(ManifestRendererTest.map(overlay.object(), "spec", "components"),
                "ingressGateways").get(0));
        Map<String, Object> k8s = ManifestRendererTest.map(gateway, "k8s");
        List<String> portNames = ManifestRendererTest.list(ManifestRendererTest.map(k8s, "service"), "ports").stream()
                .map(p -> (String) ManifestRendererTest.map(p).get("name")).toList();
        assertEquals(e.mtlsPorts() ? List.of("status-port", "mtls", "tcp-istiod", "tcp-webhook") : List.of("status-port", "tls", "tls-istiod", "tls-webhook"),
                portNames);
        List<String> env = ManifestRendererTest.list(k8s, "env").stream().map(v -> (String) ManifestRendererTest.map(v).get("name")).toList();
        assertEquals(e.sniDnat() ? List.of("ISTIO_META_ROUTER_MODE", "ISTIO_META_REQUESTED_NETWORK_VIEW") : List.of("ISTIO_META_REQUESTED_NETWORK_VIEW"), env);
        Map<String, Object> values = ManifestRendererTest.map(overlay.object(), "spec", "values");
        Map<String, Object> global = ManifestRendererTest.map(values, "global");
        assertEquals(e.identity() ? "mesh1" : null, global.get("meshID"));
        assertEquals(e.identity(), global.containsKey("multiCluster"));
        assertEquals("net1", global.get("network"));
        assertEquals(e.injectionTemplate(), values.containsKey("gateways"));
        assertEquals("empty", ManifestRendererTest.map(overlay.object(), "spec").get("profile"));

        // without gateway injection, istioctl installs the overlay and no plain gateway objects are rendered
        assertEquals(e.plainGateway() ? ApplyMethod.ALTERNATIVE : ApplyMethod.ISTIOCTL, overlay.method());
        assertEquals(e.plainGateway(), c1.containsKey(Labels.EASTWEST_NAME));
        if (e.plainGateway()) {
            Manifest deployment = all.stream().filter(m -> m.kind().equals("Deployment")).findFirst().orElseThrow();
            Map<String, Object> podLabels = ManifestRendererTest.map(deployment.object(), "spec", "template", "metadata", "labels");
            assertEquals("true", podLabels.get("sidecar.istio.io/inject"));
            assertEquals(e.dataplaneModeNone() ? "none" : null, podLabels.get(Labels.DATAPLANE_MODE));
            Manifest service = all.stream().filter(m -> m.kind().equals("Service")).findFirst().orElseThrow();
            assertEquals(e.dataplaneModeNone() ? "none" : null, service.labels().get(Labels.DATAPLANE_MODE));
        }

        Manifest crossNetwork = c1.get(Labels.CROSS_NETWORK_GATEWAY);
        assertEquals(e.api(), crossNetwork.apiVersion());
        Map<String, Object> server = ManifestRendererTest.map(ManifestRendererTest.list(ManifestRendererTest.map(crossNetwork.object(), "spec"), "servers").get(0));
        assertEquals(Map.of("number", 15443, "name", "tls", "protocol", "TLS"), server.get("port"));
        assertEquals(Map.of("mode", "AUTO_PASSTHROUGH"), server.get("tls"));
    }

    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("tags")
    void primaryRemoteAsTheInstallDocsAtTheTag(Expect e) {
        for (String revision : List.of("", "rev1")) {
            MeshPlan plan = primaryRemote(e.tag(), revision);
            List<Finding> findings = PlanValidator.validate(plan);
            boolean refused = findings.stream().anyMatch(f -> f.code().equals(PlanCodes.REMOTE_NEEDS_RELEASE) && f.severity() == Severity.ERROR);
            assertEquals(e.remote().equals("none"), refused, findings.toString());
            if (refused) {
                continue;
            }
            Map<String, Manifest> primary = cluster(plan, "c1");
            Map<String, Manifest> remote = cluster(plan, "c2");
            Map<String, Object> remoteSpec = ManifestRendererTest.map(remote.get("crossmesh-control-plane").object(), "spec");
            Map<String, Object> remoteValues = ManifestRendererTest.map(remoteSpec, "values");
            assertEquals(ManifestRenderer.addressPlaceholder("c1"), ManifestRendererTest.map(remoteValues, "global").get("remotePilotAddress"));
            assertEquals("/inject/cluster/c2/net/net2", ManifestRendererTest.map(remoteValues, "istiodRemote").get("injectionPath"));
            switch (e.remote()) {
                case "profile" -> {
                    assertEquals("remote", remoteSpec.get("profile"));
                    assertNull(remoteSpec.get("components"));
                }
                case "base+", "comp" -> {
                    assertNull(remoteSpec.get("profile"), "1.8-1.14 call the default profile 'remote'; 1.15 has none");
                    Map<String, Object> components = ManifestRendererTest.map(remoteSpec, "components");
                    assertEquals(Map.of("enabled", false), components.get("pilot"), "a remote never runs istiod");
                    assertEquals(Map.of("enabled", true), components.get("istiodRemote"));
                    assertEquals(Map.of("enabled", e.remote().equals("base+")), components.get("base"));
                    assertEquals(true, ManifestRendererTest.map(remoteValues, "global").get("externalIstiod"));
                }
                default -> fail("unknown remote kind " + e.remote());
            }
            Map<String, Object> primaryValues = ManifestRendererTest.map(primary.get("crossmesh-control-plane").object(), "spec", "values");
            if (e.external().equals("global")) {
                assertEquals(true, ManifestRendererTest.map(primaryValues, "global").get("externalIstiod"));
                assertNull(primaryValues.get("pilot"));
            } else {
                assertEquals("true", ManifestRendererTest.map(primaryValues, "pilot", "env").get("EXTERNAL_ISTIOD"));
                assertNull(ManifestRendererTest.map(primaryValues, "global").get("externalIstiod"));
            }
            Map<String, Object> remoteNamespace = remote.get("istio-system").metadata();
            assertEquals(e.controlPlaneClusters() ? Map.of(Labels.CONTROL_PLANE_CLUSTERS, "c1") : null, remoteNamespace.get("annotations"));

            boolean revTemplate = !revision.isEmpty() && e.revisionTemplate();
            Manifest vs = primary.get(revTemplate ? "istiod-vs-rev1" : "istiod-vs");
            assertNotNull(vs, "VirtualService of expose-istiod" + (revTemplate ? "-rev" : ""));
            assertEquals(e.api(), vs.apiVersion());
            String istiod = "istiod" + (revision.isEmpty() ? "" : "-" + revision);
            Map<String, Object> route = ManifestRendererTest.map(ManifestRendererTest.list(ManifestRendererTest.map(vs.object(), "spec"), "tls").get(0));
            Map<String, Object> match = ManifestRendererTest.map(ManifestRendererTest.list(route, "match").get(0));
            assertEquals(revTemplate ? List.of(istiod + ".istio-system.svc", istiod + ".istio-system.svc.cluster.local") : List.of("*"), match.get("sniHosts"));
            assertEquals(istiod + ".istio-system.svc.cluster.local", ManifestRendererTest.map(
                    ManifestRendererTest.list(route, "route").get(0), "destination").get("host"));
            Manifest gateway = primary.get("istiod-gateway");
            List<Object> servers = ManifestRendererTest.list(ManifestRendererTest.map(gateway.object(), "spec"), "servers");
            assertEquals(List.of("tls-istiod", "tls-istiodwebhook"), servers.stream().map(s -> ManifestRendererTest.map(s, "port").get("name")).toList());
        }
    }

    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("tags")
    void applyScriptUsesWhatThatIstioctlHas(Expect e) {
        RenderedMesh mesh = ManifestRenderer.render(multiPrimary(e.tag()), ManifestRendererTest.fakeCerts(multiPrimary(e.tag())));
        String script = ApplyScript.of(mesh);
        String overlayFile = mesh.manifests("c1").stream().filter(m -> m.name().equals("eastwest")).findFirst().orElseThrow().fileName();
        assertEquals(e.topLevelCommand(), !script.contains("istioctl x create-remote-secret"));
        assertTrue(script.contains("create-remote-secret"));
        assertEquals(e.serverFlag(), script.contains("--server=https://c1.example.com:443"));
        assertEquals(!e.serverFlag(), script.contains("server: https://c1.example.com:443"), "the server is written into the kubeconfig instead");
        assertEquals(e.tlsServerNameFlag(), script.contains("--tls-server-name=c2.internal"));
        assertEquals(!e.tlsServerNameFlag(), script.contains("tls-server-name: c2.internal"));
        assertEquals(!e.makesToken(), script.contains("reader_token ctx1"), "istioctl before 1.14 needs the token Secret made for it");
        String line = e.tag().replaceAll("^(\\d+\\.\\d+).*", "$1");
        assertTrue(script.contains("if [ \"$istioctl_release\" != " + line + " ]"), "refuses an istioctl of another release");
        assertEquals(!e.plainGateway(), script.contains("\nistioctl install -y --context=ctx1 -f c1/" + overlayFile));
    }

    /** The seed: ASM 1.8.3, Mesh CA, two clusters on vpc-1 / vpc-2. Its overlay, field for field (ASM's asm/istio/expansion/gen-eastwest-gateway.sh@1.8.3-asm.2). */
    @Test
    void theSeedPlanExportsTheSeedOverlay() throws Exception {
        MeshPlan plan = ManifestRendererTest.example("seed-asm-1.8.3.yaml");
        Manifest overlay = cluster(plan, "cluster-1").get("eastwest");
        String expected = """
                revision: asm-183-2
                profile: empty
                components:
                  ingressGateways:
                  - name: istio-eastwestgateway
                    label:
                      istio: eastwestgateway
                      app: istio-eastwestgateway
                      topology.istio.io/network: vpc-1
                    enabled: true
                    k8s:
                      env:
                      - name: ISTIO_META_ROUTER_MODE
                        value: sni-dnat
                      - name: ISTIO_META_REQUESTED_NETWORK_VIEW
                        value: vpc-1
                      service:
                        ports:
                        - name: status-port
                          port: 15021
                          targetPort: 15021
                        - name: tls
                          port: 15443
                          targetPort: 15443
                        - name: tls-istiod
                          port: 15012
                          targetPort: 15012
                        - name: tls-webhook
                          port: 15017
                          targetPort: 15017
                values:
                  global:
                    meshID: mesh1
                    network: vpc-1
                    multiCluster:
                      clusterName: cluster-1
                """;
        assertEquals(KubeYaml.loadAll(expected).get(0), ManifestRendererTest.map(overlay.object(), "spec"));
        assertEquals("eastwest", overlay.name());
        assertEquals(ApplyMethod.ISTIOCTL, overlay.method(), "ASM 1.8.3 has no gateway injection: istioctl installs the gateway");
    }

    // --- goldens and API keys, per release -------------------------------------------------------

    static Stream<ReleaseFacts> minors() {
        return IstioReleases.minors().stream();
    }

    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("minors")
    void goldenExportsPerMinor(ReleaseFacts minor) throws IOException {
        String version = minor.newestPatch();
        String dir = "releases/" + minor.version().minorLine() + "/";
        MeshPlan multi = multiPrimary(version);
        Golden.assertMatches(dir + "multi-primary.yaml", ManifestRendererTest.dumpAll(ManifestRenderer.render(multi, ManifestRendererTest.fakeCerts(multi)))
                + "# apply.sh\n" + ApplyScript.of(ManifestRenderer.render(multi, ManifestRendererTest.fakeCerts(multi))));
        for (String revision : List.of("", "rev1")) {
            MeshPlan plan = primaryRemote(version, revision);
            if (minor.remoteInstall() == ReleaseFacts.RemoteInstall.UNSUPPORTED) {
                continue;
            }
            Golden.assertMatches(dir + "primary-remote" + (revision.isEmpty() ? "" : "-revision") + ".yaml",
                    ManifestRendererTest.dumpAll(ManifestRenderer.render(plan, ManifestRendererTest.fakeCerts(plan))));
        }
    }

    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("tags")
    void everyIstioOperatorKeyExistsInThatReleasesApi(Expect e) throws IOException {
        Set<String> keys = KeyLists.at("iop-keys", e.tag());
        assertNotNull(keys, "no key list for " + e.tag());
        List<MeshPlan> plans = new ArrayList<>(List.of(multiPrimary(e.tag()),
                multiPrimary(e.tag()).withCa(CaMode.MESH_CA).withIstio(new IstioSpec(Flavor.ASM, e.tag(), ""))));
        if (!e.remote().equals("none")) {
            plans.add(primaryRemote(e.tag(), ""));
            plans.add(primaryRemote(e.tag(), "rev1"));
        }
        for (MeshPlan plan : plans) {
            for (Manifest m : ManifestRenderer.render(plan, ManifestRendererTest.fakeCerts(plan)).all()) {
                if (!m.kind().equals("IstioOperator")) {
                    continue;
                }
                Map<String, Object> spec = ManifestRendererTest.map(m.object(), "spec");
                for (String section : List.of("values", "components")) {
                    for (String path : KeyLists.leaves(section, spec.get(section))) {
                        assertTrue(KeyLists.known(keys, path), "Istio " + e.tag() + " has no " + path + " (" + m.cluster() + "/" + m.fileName() + ")");
                    }
                }
            }
        }
    }

    @Test
    void everyTableEntryIsCheckedHere() {
        Set<String> tagged = new HashSet<>();
        tags().forEach(e -> tagged.add(e.tag()));
        for (ReleaseFacts f : IstioReleases.entries()) {
            assertTrue(tagged.contains(f.version().toString()) || tagged.contains(f.newestPatch()),
                    "the release table has " + f.version() + " but this test has no expectations for it");
        }
        assertFalse(IstioReleases.entries().isEmpty());
    }
}
