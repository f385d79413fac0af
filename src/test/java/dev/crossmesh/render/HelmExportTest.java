package dev.crossmesh.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.crossmesh.PayloadTraces;
import dev.crossmesh.cli.CliRunner;
import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Flavor;
import dev.crossmesh.plan.GatewaySpec;
import dev.crossmesh.plan.IstioReleases;
import dev.crossmesh.plan.IstioSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.ReleaseFacts;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.ServiceType;
import dev.crossmesh.plan.Topology;
import dev.crossmesh.render.HelmRelease.Step;

/**
 * The Helm path of every release crossmesh knows, checked against expectations written by hand from Istio's charts at
 * each tag (manifests/charts/base, istio-control/istio-discovery, istiod-remote, gateway) and the Helm tabs of Istio's
 * multicluster guides, not from crossmesh's release table; every key of every values file exists in that tag's chart
 * (src/test/resources/istio-api/helm-keys, derived from the charts' values.yaml at the tag); apply-helm.sh parses, and runs
 * against stand-ins for helm, kubectl and istioctl in Istio's order with Istio's flags.
 */
class HelmExportTest {

    /**
     * One row per tag. Columns, and where each was read at the tag:
     * helm        y: manifests/charts/gateway exists and the charts' Chart.yaml says istio/release-builder sets the version
     *             (they are published in https://istio-release.storage.googleapis.com/charts); n: neither (before 1.12)
     * annotations the gateway Service's annotations, in gateway/templates/service.yaml: top (.Values.annotations only) or
     *             service (service.annotations merged in)
     * remote      a remote with Helm: none (istiod-remote/templates has no services.yaml, base has it and both render
     *             reader-serviceaccount.yaml), chart (istiod-remote alone: its services.yaml gives the remote's istiod
     *             Service), profile (no istiod-remote chart; base and istio-discovery with files/profile-remote.yaml)
     * external    how the primary serves remotes: env (pilot.env.EXTERNAL_ISTIOD; istio-discovery values have pilot.env),
     *             global (global.externalIstiod, templates/deployment.yaml sets EXTERNAL_ISTIOD; no pilot section any more)
     */
    private static final String EXPECTATIONS = """
            # tag        helm annotations remote  external
            1.8.6        n    -           -       -
            1.9.9        n    -           -       -
            1.10.6       n    -           -       -
            1.11.8       n    -           -       -
            1.12.0       y    top         none    env
            1.12.1       y    top         none    env
            1.12.2       y    service     none    env
            1.12.9       y    service     none    env
            1.13.0       y    service     chart   env
            1.13.9       y    service     chart   env
            1.14.6       y    service     chart   env
            1.15.7       y    service     chart   env
            1.16.7       y    service     chart   env
            1.17.8       y    service     chart   env
            1.18.7       y    service     chart   env
            1.19.10      y    service     chart   env
            1.20.8       y    service     chart   env
            1.21.6       y    service     chart   env
            1.22.8       y    service     chart   env
            1.23.6       y    service     chart   env
            1.24.0       y    service     profile global
            1.24.6       y    service     profile global
            1.25.5       y    service     profile global
            1.26.8       y    service     profile global
            1.27.9       y    service     profile global
            1.28.10      y    service     profile global
            1.29.6       y    service     profile global
            1.30.3       y    service     profile global
            1.31.0-rc.0  y    service     profile global
            """;

    record Expect(String tag, boolean helm, String annotations, String remote, String external) {
        @Override
        public String toString() {
            return tag;
        }
    }

    static Stream<Expect> tags() {
        List<Expect> rows = new ArrayList<>();
        for (String line : EXPECTATIONS.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] c = line.trim().split("\\s+");
                rows.add(new Expect(c[0], c[1].equals("y"), c[2], c[3], c[4]));
            }
        }
        return rows.stream();
    }

    static Stream<Expect> helmTags() {
        return tags().filter(Expect::helm);
    }

    /**
     * The tags whose apply-helm.sh runs against the stand-ins: one of each kind of script (gateway annotations, remote
     * install, istioctl that does or does not make the reader token), and the newest.
     */
    static Stream<Expect> scriptTags() {
        Set<String> kinds = Set.of("1.12.0", "1.12.2", "1.13.9", "1.14.6", "1.23.6", "1.24.0", "1.30.3", "1.31.0-rc.0");
        return helmTags().filter(e -> kinds.contains(e.tag()));
    }

    static final String ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-internal";

    static MeshPlan multiPrimary(String version) {
        return MeshPlan.of("mesh1", List.of(new ClusterSpec("c1", "ctx1", "net1", "", Role.PRIMARY, "https://c1.example.com:443"),
                        new ClusterSpec("c2", "ctx2", "net2")))
                .withIstio(new IstioSpec(Flavor.ISTIO, version, "")).withCa(CaMode.SHARED_ROOT).withTrustDomain("example.org")
                .withGateway(new GatewaySpec(ServiceType.LOAD_BALANCER, Map.of(ANNOTATION, "true")));
    }

    static MeshPlan primaryRemote(String version, String revision) {
        return MeshPlan.of("mesh1", List.of(new ClusterSpec("c1", "ctx1", "net1"),
                        new ClusterSpec("c2", "ctx2", "net2", "", Role.REMOTE, "https://c2.example.com:443")))
                .withIstio(new IstioSpec(Flavor.ISTIO, version, revision)).withTopology(Topology.PRIMARY_REMOTE).withCa(CaMode.SHARED_ROOT)
                .withTrustDomain("example.org").withGateway(new GatewaySpec(ServiceType.NODE_PORT, Map.of()));
    }

    private static Map<String, Object> yaml(String text) {
        return KubeYaml.loadAll(text).get(0);
    }

    private static Map<String, Object> values(HelmInstall helm, String cluster, Step step) {
        return helm.release(cluster, step).orElseThrow(() -> new AssertionError(cluster + " has no " + step)).values();
    }

    // --- the values, per tag -------------------------------------------------------------------------

    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("tags")
    void multiPrimaryValuesAsTheChartsAtTheTag(Expect e) {
        HelmInstall helm = HelmValues.render(multiPrimary(e.tag()));
        assertEquals(!e.helm(), helm.unavailable().isPresent(), helm.unavailable().toString());
        if (!e.helm()) {
            assertTrue(helm.all().isEmpty());
            assertTrue(helm.unavailable().get().contains("Istio " + e.tag() + " has no Helm path"), helm.unavailable().get());
            return;
        }
        for (String c : List.of("c1", "c2")) {
            String network = c.equals("c1") ? "net1" : "net2";
            assertEquals(List.of("istio-base/base", "istiod/istiod", "istio-eastwestgateway/gateway"),
                    helm.releases(c).stream().map(r -> r.name() + "/" + r.chart()).toList());
            assertEquals(List.of(false, true, true), helm.releases(c).stream().map(HelmRelease::waits).toList(), "--wait where Istio's guide waits");
            assertEquals(Map.of(), values(helm, c, Step.BASE));
            assertEquals(yaml("""
                    global:
                      meshID: mesh1
                      multiCluster:
                        clusterName: %s
                      network: %s
                    meshConfig:
                      trustDomain: example.org
                    """.formatted(c, network)), values(helm, c, Step.CONTROL_PLANE));
            Map<String, Object> gateway = yaml("""
                    name: istio-eastwestgateway
                    networkGateway: %s
                    service:
                      type: LoadBalancer
                    """.formatted(network));
            // before 1.12.2 the chart annotates its Service with the top-level annotations only
            @SuppressWarnings("unchecked")
            Map<String, Object> annotated = e.annotations().equals("service") ? (Map<String, Object>) gateway.get("service") : gateway;
            annotated.put("annotations", Map.of(ANNOTATION, "true"));
            assertEquals(gateway, values(helm, c, Step.EASTWEST_GATEWAY));
        }
    }

    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("helmTags")
    void primaryRemoteValuesAsTheChartsAtTheTag(Expect e) {
        for (String revision : List.of("", "rev1")) {
            HelmInstall helm = HelmValues.render(primaryRemote(e.tag(), revision));
            if (e.remote().equals("none")) {
                assertTrue(helm.unavailable().orElseThrow().contains("cannot install a remote cluster"), helm.unavailable().toString());
                assertTrue(helm.all().isEmpty());
                continue;
            }
            String rev = revision.isEmpty() ? "" : "revision: rev1\n";
            String releaseSuffix = revision.isEmpty() ? "" : "-rev1";
            // the primary
            assertEquals(List.of("istio-base/base", "istiod" + releaseSuffix + "/istiod", "istio-eastwestgateway/gateway"),
                    helm.releases("c1").stream().map(r -> r.name() + "/" + r.chart()).toList());
            assertEquals(yaml(revision.isEmpty() ? "{}" : "defaultRevision: rev1"), values(helm, "c1", Step.BASE),
                    "the default revision's validator calls istiod-<rev>");
            assertEquals(yaml(rev + """
                    global:
                      meshID: mesh1
                      multiCluster:
                        clusterName: c1
                      network: net1
                    %s
                    meshConfig:
                      trustDomain: example.org
                    %s
                    """.formatted(e.external().equals("global") ? "  externalIstiod: true" : "",
                    e.external().equals("env") ? "pilot:\n  env:\n    EXTERNAL_ISTIOD: \"true\"" : "")), values(helm, "c1", Step.CONTROL_PLANE));
            // the remote
            String remoteControlPlane = rev + """
                    global:
                      meshID: mesh1
                      multiCluster:
                        clusterName: c2
                      network: net2
                      remotePilotAddress: EASTWEST_ADDRESS_OF_c1
                    istiodRemote:
                      injectionPath: /inject/cluster/c2/net/net2
                    meshConfig:
                      trustDomain: example.org
                    """;
            if (e.remote().equals("chart")) {
                assertEquals(List.of("istiod-remote" + releaseSuffix + "/istiod-remote", "istio-eastwestgateway/gateway"),
                        helm.releases("c2").stream().map(r -> r.name() + "/" + r.chart()).toList(), "no base beside istiod-remote");
                assertEquals(yaml(remoteControlPlane), values(helm, "c2", Step.CONTROL_PLANE));
            } else {
                assertEquals(List.of("istio-base/base", "istiod" + releaseSuffix + "/istiod", "istio-eastwestgateway/gateway"),
                        helm.releases("c2").stream().map(r -> r.name() + "/" + r.chart()).toList());
                assertEquals(yaml("profile: remote\n" + (revision.isEmpty() ? "" : "defaultRevision: rev1\n")), values(helm, "c2", Step.BASE));
                assertEquals(yaml("profile: remote\n" + remoteControlPlane), values(helm, "c2", Step.CONTROL_PLANE));
            }
            assertFalse(helm.release("c2", Step.CONTROL_PLANE).orElseThrow().waits(), "Istio's guide does not wait for a remote's control plane");
            assertEquals(yaml(rev + """
                    name: istio-eastwestgateway
                    networkGateway: net2
                    service:
                      type: NodePort
                    """), values(helm, "c2", Step.EASTWEST_GATEWAY));
        }
    }

    @Test
    void anthosServiceMeshHasNoHelmPath() {
        MeshPlan plan = multiPrimary("1.30.3").withIstio(new IstioSpec(Flavor.ASM, "1.30.3", "")).withCa(CaMode.MESH_CA);
        assertTrue(HelmValues.render(plan).unavailable().orElseThrow().startsWith("Anthos Service Mesh 1.30.3 has no Helm charts"));
    }

    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("helmTags")
    void everyKeyOfEveryValuesFileExistsInThatReleasesChart(Expect e) {
        List<MeshPlan> plans = new ArrayList<>(List.of(multiPrimary(e.tag()),
                multiPrimary(e.tag()).withIstio(new IstioSpec(Flavor.ISTIO, e.tag(), "rev1"))));
        if (!e.remote().equals("none")) {
            plans.add(primaryRemote(e.tag(), ""));
            plans.add(primaryRemote(e.tag(), "rev1"));
        }
        Set<String> charts = new HashSet<>();
        for (MeshPlan plan : plans) {
            for (HelmRelease r : HelmValues.render(plan).all()) {
                charts.add(r.chart());
                Set<String> keys = KeyLists.at("helm-keys/" + r.chart(), e.tag());
                assertNotNull(keys, "no key list of chart " + r.chart() + " at " + e.tag());
                for (String path : KeyLists.leaves("", r.values())) {
                    assertTrue(KeyLists.known(keys, path), "Istio " + e.tag() + "'s " + r.chart() + " chart has no " + path + " (" + r.path() + ")");
                }
            }
        }
        assertTrue(charts.containsAll(List.of("base", "istiod", "gateway")), charts.toString());
    }

    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("helmTags")
    void valuesFilesAreTheirYamlAndSayHowTheyAreInstalled(Expect e) {
        for (HelmRelease r : HelmValues.render(multiPrimary(e.tag())).all()) {
            assertEquals(r.values(), KubeYaml.loadAll(r.yaml()).stream().findFirst().orElse(Map.of()), r.path());
            assertTrue(r.yaml().startsWith("# Values of Istio's " + r.chart() + " chart"), r.yaml());
        }
    }

    // --- goldens, per entry of the release table -----------------------------------------------------

    static Stream<ReleaseFacts> entries() {
        return IstioReleases.entries().stream().filter(f -> f.helm().chartRepository());
    }

    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("entries")
    void goldenValuesAndScriptPerReleaseEntry(ReleaseFacts entry) throws Exception {
        String version = entry.version().toString();
        StringBuilder s = new StringBuilder();
        for (MeshPlan plan : List.of(multiPrimary(version), primaryRemote(version, "rev1"))) {
            HelmInstall helm = HelmValues.render(plan);
            s.append("# ===== ").append(plan.topology().yamlName()).append(" =====\n");
            helm.unavailable().ifPresent(why -> s.append("# no Helm path: ").append(why).append('\n'));
            for (HelmRelease r : helm.all()) {
                s.append("# ").append(r.path()).append('\n').append(r.yaml()).append("---\n");
            }
            s.append("# apply-helm.sh\n").append(HelmScript.of(ManifestRenderer.render(plan, ManifestRendererTest.fakeCerts(plan)), helm));
        }
        Golden.assertMatches("releases/" + entry.version().minorLine() + "/helm-" + version + ".yaml", s.toString());
    }

    // --- apply-helm.sh against stand-ins -------------------------------------------------------------

    private static Path export(MeshPlan plan, Path dir) throws Exception {
        Path out = dir.resolve("export");
        ExportWriter.write(ManifestRenderer.render(plan, ManifestRendererTest.fakeCerts(plan)), out);
        return out;
    }

    private static StubbedTools.Run run(Path out, Path dir, String version, Map<String, String> env) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(Map.of("STUB_ISTIOCTL_VERSION", version));
        all.putAll(env);
        return StubbedTools.run(out.resolve(ExportWriter.APPLY_HELM_SCRIPT), dir, List.of("helm", "kubectl", "istioctl"), all);
    }

    private static String chart(String name, String version) {
        return name + " --repo " + HelmInstall.CHART_REPOSITORY + " --version " + version + " -n istio-system";
    }

    /** Istio's order, per cluster: istio-system and cacerts, base, istiod (waited for), the gateway (waited for), the Gateway. */
    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("scriptTags")
    void applyHelmShInstallsTheChartsInIstiosOrder(Expect e, @TempDir Path dir) throws Exception {
        Path out = export(multiPrimary(e.tag()), dir);
        StubbedTools.assertParses(out.resolve("apply-helm.sh"));
        StubbedTools.Run run = run(out, dir, e.tag(), Map.of());
        assertEquals(0, run.exitCode(), run.stderr() + run.stdout());
        assertEquals("", run.stderr());
        List<String> steps = run.calls().stream().filter(c -> c.has("upgrade") || (c.command().equals("kubectl") && c.has("apply") && !c.has("-")))
                .map(StubbedTools.Call::toString).toList();
        List<String> expected = new ArrayList<>();
        for (String c : List.of("c1", "c2")) {
            String ctx = "--kube-context=ctx" + c.substring(1);
            expected.addAll(List.of(
                    "kubectl --context=ctx" + c.substring(1) + " apply -f " + c + "/01-namespace-istio-system.yaml",
                    "kubectl --context=ctx" + c.substring(1) + " apply -f " + c + "/02-secret-cacerts.yaml",
                    "helm upgrade --install istio-base " + chart("base", e.tag()) + " " + ctx + " -f " + c + "/helm/base-values.yaml",
                    "helm upgrade --install istiod " + chart("istiod", e.tag()) + " " + ctx + " -f " + c + "/helm/istiod-values.yaml --wait",
                    "helm upgrade --install istio-eastwestgateway " + chart("gateway", e.tag()) + " " + ctx + " -f " + c
                            + "/helm/eastwest-gateway-values.yaml --wait",
                    "kubectl --context=ctx" + c.substring(1) + " apply -f " + c + "/08-gateway-cross-network-gateway.yaml"));
        }
        assertEquals(expected, steps);
        for (String values : steps.stream().filter(s -> s.contains(" -f ")).map(s -> s.substring(s.indexOf(" -f ") + 4).replace(" --wait", "")).toList()) {
            assertTrue(Files.exists(out.resolve(values)), values + " is in the export");
        }
        List<StubbedTools.Call> secrets = run.of("istioctl").stream().filter(c -> c.has("create-remote-secret")).toList();
        assertEquals(Set.of("ctx1", "ctx2"), Set.of(secrets.get(0).flag("--context"), secrets.get(1).flag("--context")));
        assertTrue(run.calls().indexOf(secrets.get(0)) > run.calls().indexOf(run.helmInstalls().get(5)), "remote secrets last");
        assertTrue(run.stdout().contains("c2: east-west gateway at " + StubbedTools.GATEWAY_ADDRESS + "\n"), run.stdout());
    }

    /** A remote's control plane gets its primary's gateway address, and its primary reads it before its gateway is installed. */
    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("scriptTags")
    void applyHelmShInstallsARemoteAsIstiosGuideDoes(Expect e, @TempDir Path dir) throws Exception {
        if (e.remote().equals("none")) {
            return;
        }
        Path out = export(primaryRemote(e.tag(), "rev1"), dir);
        StubbedTools.assertParses(out.resolve("apply-helm.sh"));
        StubbedTools.Run run = run(out, dir, e.tag(), Map.of());
        assertEquals(0, run.exitCode(), run.stderr() + run.stdout());
        List<StubbedTools.Call> remote = run.helmInstalls().stream().filter(c -> "ctx2".equals(c.flag("--kube-context"))).toList();
        List<String> names = remote.stream().map(c -> c.args().get(2) + " " + c.args().get(3)).toList();
        assertEquals(e.remote().equals("chart") ? List.of("istiod-remote-rev1 istiod-remote", "istio-eastwestgateway gateway")
                : List.of("istio-base base", "istiod-rev1 istiod", "istio-eastwestgateway gateway"), names);
        StubbedTools.Call controlPlane = remote.get(remote.size() - 2);
        assertTrue(controlPlane.has("global.remotePilotAddress=" + StubbedTools.GATEWAY_ADDRESS), controlPlane.toString());
        assertEquals("--set-string", controlPlane.args().get(controlPlane.args().indexOf("global.remotePilotAddress=" + StubbedTools.GATEWAY_ADDRESS) - 1));
        assertFalse(controlPlane.has("--wait"));
        StubbedTools.Call secret = run.of("istioctl").stream().filter(c -> c.has("create-remote-secret")).findFirst().orElseThrow();
        assertEquals("ctx2", secret.flag("--context"));
        assertEquals("https://c2.example.com:443", secret.flag("--server"));
        int secretAt = run.calls().indexOf(secret);
        assertTrue(secretAt > run.calls().indexOf(controlPlane) && secretAt < run.calls().indexOf(remote.get(remote.size() - 1)),
                "the primary reads the remote before the remote's gateway: " + run.calls());
        assertEquals(1, run.of("istioctl").stream().filter(c -> c.has("create-remote-secret")).count());
        List<StubbedTools.Call> read = run.of("kubectl").stream().filter(c -> c.has("-") && c.has("apply") && "ctx1".equals(c.flag("--context"))).toList();
        assertEquals(1, read.size(), "the primary reads the remote's secret: " + run.calls());
        assertTrue(read.get(0).stdin().contains("kind: Secret"), read.toString());
        List<String> primaryFiles = run.of("kubectl").stream().filter(c -> "ctx1".equals(c.flag("--context")) && c.has("apply") && !c.has("-"))
                .map(c -> c.flag("-f")).toList();
        assertTrue(primaryFiles.containsAll(List.of("c1/08-gateway-cross-network-gateway.yaml", "c1/09-gateway-istiod-gateway.yaml")), primaryFiles.toString());
    }

    @Test
    void anOldOrMissingHelmStopsBeforeAnythingChanges(@TempDir Path dir) throws Exception {
        Path out = export(multiPrimary("1.30.3"), dir);
        StubbedTools.Run old = run(out, dir.resolve("old"), "1.30.3", Map.of("STUB_HELM_VERSION", "v2.17.0+ga690bad"));
        assertEquals(1, old.exitCode());
        assertEquals("this export installs Istio's Helm charts, which need Helm 3 or newer, but helm on the PATH is v2.17.0+ga690bad: "
                + "install Helm 3 (https://helm.sh/docs/intro/install/)\n", old.stderr());
        assertEquals(List.of("helm version --short"), old.calls().stream().map(StubbedTools.Call::toString).toList());

        StubbedTools.Run missing = StubbedTools.run(out.resolve("apply-helm.sh"), dir.resolve("missing"), List.of("kubectl", "istioctl"),
                Map.of("STUB_ISTIOCTL_VERSION", "1.30.3"));
        assertEquals(1, missing.exitCode());
        assertTrue(missing.stderr().contains("but helm on the PATH is missing"), missing.stderr());
        assertEquals(List.of(), missing.calls());
    }

    @Test
    void aFailingHelmStopsTheScriptWithHelmsMessageAndTheCluster(@TempDir Path dir) throws Exception {
        Path out = export(multiPrimary("1.30.3"), dir);
        String message = "UPGRADE FAILED: cannot patch \"istiod\" with kind Deployment: field is immutable";
        StubbedTools.Run run = run(out, dir, "1.30.3", Map.of("STUB_FAIL", "c2/helm/istiod-values.yaml", "STUB_FAIL_MESSAGE", message));
        assertEquals(1, run.exitCode());
        assertEquals("Error: " + message + "\napply-helm.sh stopped at cluster c2: the command above failed\n", run.stderr());
        StubbedTools.Call last = run.calls().get(run.calls().size() - 1);
        assertEquals(1, last.exitCode(), "the stand-in recorded its exit code");
        assertEquals("c2/helm/istiod-values.yaml", last.flag("-f"), "nothing after the failed step: " + run.calls());
    }

    @Test
    void chartsFromAMirrorOrAFolder(@TempDir Path dir) throws Exception {
        Path out = export(multiPrimary("1.30.3"), dir);
        StubbedTools.Run mirror = run(out, dir.resolve("mirror"), "1.30.3", Map.of("ISTIO_HELM_REPO", "https://charts.internal.example/istio"));
        assertEquals(0, mirror.exitCode(), mirror.stderr());
        assertTrue(mirror.helmInstalls().stream().allMatch(c -> "https://charts.internal.example/istio".equals(c.flag("--repo"))
                && "1.30.3".equals(c.flag("--version"))), mirror.helmInstalls().toString());
        StubbedTools.Run folder = run(out, dir.resolve("folder"), "1.30.3", Map.of("ISTIO_HELM_CHARTS", "/srv/istio charts"));
        assertEquals(0, folder.exitCode(), folder.stderr());
        assertEquals(List.of("/srv/istio charts/base", "/srv/istio charts/istiod", "/srv/istio charts/gateway"),
                folder.helmInstalls().stream().limit(3).map(c -> c.args().get(3)).toList());
        assertTrue(folder.helmInstalls().stream().noneMatch(c -> c.has("--repo")));
    }

    @ParameterizedTest(name = "Istio {0}")
    @MethodSource("tags")
    void withoutAHelmPathTheExportSaysSoAndWritesNoValues(Expect e, @TempDir Path dir) throws Exception {
        MeshPlan plan = e.helm() ? primaryRemote(e.tag(), "") : multiPrimary(e.tag());
        if (e.helm() && !e.remote().equals("none")) {
            return;
        }
        Path out = export(plan, dir);
        assertFalse(Files.exists(out.resolve("c1/helm")));
        assertFalse(Files.exists(out.resolve("c2/helm")));
        StubbedTools.assertParses(out.resolve("apply-helm.sh"));
        StubbedTools.Run run = run(out, dir, e.tag(), Map.of());
        assertEquals(1, run.exitCode());
        assertEquals(HelmValues.render(plan).unavailable().orElseThrow() + "\n", run.stderr());
        assertEquals(List.of(), run.calls());
    }

    /**
     * Shell metacharacters in every plan value reach helm, kubectl and istioctl verbatim and run nothing (the plan skips
     * validation on purpose; control characters are the quoting's own test, ApplyScriptTest).
     */
    @Test
    void planValuesReachTheToolsVerbatimAndRunNothing(@TempDir Path dir) throws Exception {
        String payload = "'\"$(: > pwned-dollar)`: > pwned-backtick`;: > pwned-semi&: > pwned-amp|: > pwned-pipe>pwned-gt \\ * ~ {a,b} !! #";
        ClusterSpec primary = new ClusterSpec("c1 $(: > pwned-name1) ;x", "ctx1 " + payload, "net-a " + payload, "", Role.PRIMARY, "");
        ClusterSpec remote = new ClusterSpec("c2 `: > pwned-name2`", "-ctx2 " + payload, "net-b", "", Role.REMOTE, "https://api.example.com/" + payload);
        MeshPlan plan = new MeshPlan("mesh " + payload, null, new IstioSpec(Flavor.ISTIO, "1.30.3", "rev " + payload), Topology.PRIMARY_REMOTE,
                CaMode.SHARED_ROOT, new GatewaySpec(ServiceType.LOAD_BALANCER, Map.of("a/b", "x $(: > pwned-annotation)")), List.of(primary, remote), null);
        Path out = export(plan, dir);
        StubbedTools.assertParses(out.resolve("apply-helm.sh"));
        StubbedTools.Run run = run(out, dir, "1.30.3", Map.of());
        assertEquals(0, run.exitCode(), run.stderr() + run.stdout());
        assertEquals("", run.stderr());
        PayloadTraces.assertNoneRan(run.workingFolder(), dir);
        Set<String> contexts = new HashSet<>();
        for (StubbedTools.Call c : run.calls()) {
            String ctx = c.flag(c.command().equals("helm") ? "--kube-context" : "--context");
            if (ctx != null) {
                contexts.add(ctx);
            }
        }
        assertEquals(Set.of(primary.context(), remote.context()), contexts);
        for (StubbedTools.Call c : run.helmInstalls()) {
            assertTrue(Files.exists(out.resolve(c.flag("-f"))), c.toString());
        }
        assertEquals(Set.of("istio-base", "istiod-" + plan.istio().revision(), "istio-eastwestgateway"),
                run.helmInstalls().stream().map(c -> c.args().get(2)).collect(java.util.stream.Collectors.toSet()));
        HelmInstall helm = HelmValues.render(plan);
        for (HelmRelease r : helm.all()) {
            assertEquals(r.values(), KubeYaml.loadAll(Files.readString(out.resolve(r.path()))).stream().findFirst().orElse(Map.of()), r.path());
        }
    }

    // --- the command line ----------------------------------------------------------------------------

    @Test
    void exportWritesTheValuesAndApplyHelmSh(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("export", "--plan", "examples/primary-remote.yaml", "--out", out.toString(),
                "--certs", dir.resolve("certs").toString(), "--ca-key-type", "ec-p256");
        assertEquals(0, r.code(), r.all());
        for (String file : List.of("primary-1/helm/base-values.yaml", "primary-1/helm/istiod-values.yaml", "primary-1/helm/eastwest-gateway-values.yaml",
                "remote-1/helm/base-values.yaml", "remote-1/helm/istiod-values.yaml", "remote-1/helm/eastwest-gateway-values.yaml", "apply-helm.sh")) {
            assertTrue(r.out().contains(out.resolve(file) + "\n"), file + " listed: " + r.out());
        }
        assertTrue(Files.isExecutable(out.resolve("apply-helm.sh")));
        StubbedTools.assertParses(out.resolve("apply-helm.sh"));
        assertFalse(r.err().contains("no Helm values"), r.err());

        Path old = Files.writeString(dir.resolve("old.yaml"), Files.readString(Path.of("examples/two-clusters.yaml")).replace("\"1.30.3\"", "\"1.11.8\""));
        CliRunner.Result r2 = CliRunner.run("export", "--plan", old.toString(), "--out", dir.resolve("o2").toString(),
                "--certs", dir.resolve("certs2").toString(), "--ca-key-type", "ec-p256");
        assertEquals(0, r2.code(), r2.all());
        assertTrue(r2.err().contains("no Helm values written: Istio 1.11.8 has no Helm path"), r2.err());
        assertFalse(Files.exists(dir.resolve("o2/cluster-1/helm")));
        assertTrue(Files.exists(dir.resolve("o2/apply-helm.sh")));
    }
}
