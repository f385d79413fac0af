package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.plan.Flavor;
import dev.crossmesh.plan.IstioSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.HelmInstall;
import dev.crossmesh.render.HelmRelease;
import dev.crossmesh.render.HelmValues;
import dev.crossmesh.render.KubeYaml;
import dev.crossmesh.render.Labels;
import io.fabric8.kubernetes.api.model.Service;

/** The Helm path of apply against demo clusters, with {@link HelmStandIn} for helm. */
class HelmControlPlaneTest {
    static final ApplyOptions HELM = ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(20)).withControlPlane(ControlPlaneMode.HELM);
    static final String VERSION = IstioSpec.DEFAULT_VERSION;

    @AfterEach
    void forgetHelm() {
        HelmStandIn.forget();
    }

    static void assumeKubectl() {
        Assumptions.assumeTrue(HelmStandIn.kubectlFound(), "no kubectl on the PATH: the helm stand-in makes the gateway Service with it");
    }

    @Test
    void helmInstallsTheChartsPerClusterInIstiosOrderWithTheValuesOfTheExport(@TempDir Path dir) throws Exception {
        assumeKubectl();
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            HelmStandIn.install(dir, "v3.17.0+g301108e");
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs, HELM), HELM, events::add, CancelToken.none());
            assertTrue(result.succeeded(), result.toString());

            HelmInstall expected = HelmValues.render(mesh.plan);
            List<HelmStandIn.Call> calls = HelmStandIn.calls(dir);
            for (String cluster : List.of("cluster-1", "cluster-2")) {
                String context = "demo-" + cluster;
                List<HelmStandIn.Call> mine = calls.stream().filter(c -> context.equals(c.flag("--kube-context"))).toList();
                List<HelmRelease> releases = expected.releases(cluster);
                assertEquals(releases.stream().map(HelmRelease::name).toList(), mine.stream().map(HelmStandIn.Call::release).toList());
                for (int i = 0; i < releases.size(); i++) {
                    HelmRelease r = releases.get(i);
                    HelmStandIn.Call c = mine.get(i);
                    assertEquals(List.of("upgrade", "--install", r.name(), r.chart(), "--repo=" + HelmInstall.CHART_REPOSITORY, "--version=" + VERSION,
                            "--namespace=istio-system", "--kube-context=" + context), c.args().subList(0, 8));
                    assertEquals(r.waits(), c.args().contains("--wait"), c.toString());
                    assertEquals(mesh.kubeconfig().toString(), c.kubeconfig());
                    assertEquals(r.yaml(), Files.readString(c.values()), "the values file is the export's");
                }
                // the gateway chart made the gateway: crossmesh applied none of its objects, and waited for its address
                Service gateway = mesh.server(cluster.equals("cluster-1") ? 1 : 2).adminClient().services().inNamespace("istio-system")
                        .withName(Labels.EASTWEST_NAME).get();
                assertEquals("Helm", gateway.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
                assertNull(mesh.server(1).adminClient().apps().deployments().inNamespace("istio-system").withName(Labels.EASTWEST_NAME).get());
                assertTrue(result.gatewayAddresses().containsKey(cluster), result.gatewayAddresses().toString());
            }
            List<String> istiod = events.stream().filter(e -> e.cluster().equals("cluster-1") && e.step().equals("Helm release istio-system/istiod"))
                    .map(ApplyEvent::message).toList();
            assertTrue(istiod.get(0).matches("running .*helm upgrade --install istiod istiod .*"), istiod.toString());
            assertTrue(istiod.contains("helm: Release \"istiod\" does not exist. Installing it now."), "helm's output is streamed: " + istiod);
            assertEquals("helm upgrade --install finished", istiod.get(istiod.size() - 1));
            // the cross-network Gateway and the remote secrets are crossmesh's, as on the istioctl path
            assertTrue(result.clusters().get("cluster-1").applied().stream().anyMatch(s -> s.step().equals("Gateway istio-system/cross-network-gateway")));
            assertTrue(result.clusters().get("cluster-1").applied().stream().anyMatch(s -> s.step().equals("Secret istio-system/istio-remote-secret-cluster-2")));
        }
    }

    @Test
    void aRemoteGetsThePrimarysGatewayAddressAndItsGatewayIsNotWaitedFor(@TempDir Path dir) throws Exception {
        assumeKubectl();
        try (DemoMesh mesh = DemoMesh.primaryRemote(dir).withLoadBalancers()) {
            HelmStandIn.install(dir, "v3.12.3+g3a31588");
            ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs, HELM), HELM, e -> { }, CancelToken.none());
            assertTrue(result.succeeded(), result.toString());
            String primaryAddress = result.gatewayAddresses().get("cluster-1");
            List<HelmStandIn.Call> calls = HelmStandIn.calls(dir);
            List<HelmStandIn.Call> remote = calls.stream().filter(c -> "demo-cluster-2".equals(c.flag("--kube-context"))).toList();
            assertEquals(List.of("istio-base", "istiod", "istio-eastwestgateway"), remote.stream().map(HelmStandIn.Call::release).toList());
            Map<String, Object> values = KubeYaml.loadAll(Files.readString(remote.get(1).values())).get(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> global = (Map<String, Object>) values.get("global");
            assertEquals(primaryAddress, global.get("remotePilotAddress"));
            assertEquals("remote", values.get("profile"));
            assertFalse(remote.get(2).args().contains("--wait"), "the remote's gateway is injected once the primary reads the remote: "
                    + remote.get(2).args());
            assertTrue(calls.stream().filter(c -> "demo-cluster-1".equals(c.flag("--kube-context"))).allMatch(c -> c.release().equals("istio-base")
                    || c.args().contains("--wait")), "the primary's istiod and gateway are waited for");
        }
    }

    @Test
    void helmsOwnErrorFailsTheStepWithTheClusterNamedAndStopsThatCluster(@TempDir Path dir) throws Exception {
        assumeKubectl();
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            HelmStandIn.install(dir, "v3.17.0");
            Files.writeString(dir.resolve("fail-release"), "istiod");
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs, HELM), HELM, events::add, CancelToken.none());
            assertFalse(result.succeeded());
            StepOutcome failed = result.clusters().get("cluster-1").failed().get(0);
            assertEquals("Helm release istio-system/istiod", failed.step());
            assertEquals("helm upgrade --install istiod exited with code 1: Error: INSTALLATION FAILED: Unable to continue with install:"
                    + " ServiceAccount \"istio-reader-service-account\" in namespace \"istio-system\" exists and cannot be imported into the"
                    + " current release; fix the cause, then run apply again", failed.message());
            assertTrue(events.stream().anyMatch(e -> e.toLine().startsWith("[cluster-1] Helm release istio-system/istiod: FAILED: helm upgrade")));
            List<String> notAttempted = result.clusters().get("cluster-1").notAttempted().stream().map(StepOutcome::step).toList();
            assertTrue(notAttempted.contains("Helm release istio-system/istio-eastwestgateway") && notAttempted.contains("Gateway istio-system/cross-network-gateway"),
                    notAttempted.toString());
        }
    }

    @Test
    void aHelmTooOldOrAReleaseWithoutChartsIsRefusedBeforeHelmRuns(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir)) {
            HelmStandIn.install(dir, "Client: v2.17.0+ga690bad\nError: could not find tiller");
            ApplyResult old = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs, HELM), HELM, e -> { }, CancelToken.none());
            StepOutcome refused = old.clusters().get("cluster-1").failed().get(0);
            assertEquals("Helm release istio-system/istio-base", refused.step());
            assertEquals("helm at " + dir.resolve("helm") + " is v2.17.0+ga690bad, too old for Istio's charts (apiVersion v2 charts need Helm 3"
                    + " or newer): install Helm 3 (https://helm.sh/docs/intro/install/) and put it first (PATH, -Dcrossmesh.helm or $CROSSMESH_HELM)",
                    refused.message());

            HelmStandIn.install(dir, "v3.17.0");
            MeshPlan older = mesh.plan.withIstio(new IstioSpec(Flavor.ISTIO, "1.11.8", ""));
            StepOutcome noCharts = new MeshApplier(mesh.clients).apply(Rendered.rollout(older, mesh.certs, HELM), HELM, e -> { }, CancelToken.none())
                    .clusters().get("cluster-2").failed().get(0);
            assertTrue(noCharts.message().startsWith("Istio 1.11.8 has no Helm path: its charts are not in Istio's chart repository"), noCharts.message());
            assertEquals(List.of(), HelmStandIn.calls(dir), "helm never ran");
            assertNull(mesh.server(1).adminClient().services().inNamespace("istio-system").withName(Labels.EASTWEST_NAME).get(),
                    "nor did crossmesh make the gateway the chart is for");
        }
    }

    @Test
    void aChartFolderMustHoldThePlansRelease(@TempDir Path dir) throws Exception {
        assumeKubectl();
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            HelmStandIn.install(dir, "v3.17.0");
            Path charts = dir.resolve("charts");
            for (String chart : List.of("base", "istiod", "gateway")) {
                Files.createDirectories(charts.resolve(chart));
                // the charts in Istio's source say 1.0.0 until the release build sets the version
                Files.writeString(charts.resolve(chart).resolve("Chart.yaml"), "apiVersion: v2\nname: " + chart + "\nversion: 1.0.0\n");
            }
            ApplyOptions options = HELM.withCharts(ChartSource.folder(charts));
            StepOutcome wrong = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs, options), options, e -> { }, CancelToken.none())
                    .clusters().get("cluster-1").failed().get(0);
            assertEquals("the base chart in " + charts + " is version 1.0.0, not the plan's Istio " + VERSION + ": helm pull base --repo "
                    + HelmInstall.CHART_REPOSITORY + " --version " + VERSION + " --untar --untardir " + charts, wrong.message());
            assertEquals(List.of(), HelmStandIn.calls(dir));

            for (String chart : List.of("base", "istiod", "gateway")) {
                Files.writeString(charts.resolve(chart).resolve("Chart.yaml"), "apiVersion: v2\nname: " + chart + "\nversion: " + VERSION + "\n");
            }
            ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs, options), options, e -> { }, CancelToken.none());
            assertTrue(result.succeeded(), result.toString());
            HelmStandIn.Call istiod = HelmStandIn.calls(dir).stream().filter(c -> c.release().equals("istiod")).findFirst().orElseThrow();
            assertEquals(Arrays.asList("upgrade", "--install", "istiod", charts.resolve("istiod").toString(), "--namespace=istio-system"),
                    istiod.args().subList(0, 5), "a chart folder is given as the chart, with no repository or version");
        }
    }

    @Test
    void diffAndDryRunShowTheHelmReleasesAsRunWithoutRunningHelm(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir)) {
            HelmStandIn.install(dir, "v3.17.0");
            MeshDiff diff = new DiffEngine(mesh.clients).diff(Rendered.mesh(mesh.plan, mesh.certs), HELM);
            List<ObjectChange> changes = diff.clusters().get(0).changes();
            List<ObjectChange> run = changes.stream().filter(c -> c.change() == ChangeKind.RUN).toList();
            assertEquals(List.of("Helm release istio-system/istio-base", "Helm release istio-system/istiod", "Helm release istio-system/istio-eastwestgateway"),
                    run.stream().map(ObjectChange::object).toList());
            assertTrue(run.get(1).reason().startsWith("helm upgrade --install istiod istiod --repo=" + HelmInstall.CHART_REPOSITORY + " --version=" + VERSION
                    + " --namespace=istio-system --kube-context=demo-cluster-1 --values=cluster-1/helm/istiod-values.yaml --wait (helm at "), run.get(1).reason());
            assertTrue(changes.stream().noneMatch(c -> c.object().endsWith("/" + Labels.EASTWEST_NAME) && c.change() == ChangeKind.CREATE),
                    "the gateway's objects are the chart's, not crossmesh's: " + changes);

            ApplyResult dry = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs, HELM.withDryRun(true)), HELM.withDryRun(true), e -> { }, CancelToken.none());
            assertTrue(dry.succeeded(), dry.toString());
            assertTrue(dry.clusters().get("cluster-2").with(StepOutcome.Status.SKIPPED).stream()
                    .anyMatch(s -> s.message().startsWith("dry run: would run `helm upgrade --install istio-eastwestgateway gateway")), dry.toString());
            assertEquals(List.of(), HelmStandIn.calls(dir), "neither runs helm");
        }
    }

    @Test
    void withoutHelmTheStepIsManualAndPointsAtApplyHelmSh(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Helm.locate().isEmpty(), "helm is installed on this machine");
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs, HELM.withGatewayWait(Duration.ZERO)), HELM.withGatewayWait(Duration.ZERO), e -> { },
                    CancelToken.none());
            assertTrue(result.succeeded(), "a manual control plane is reported, not failed: " + result);
            StepOutcome manual = result.clusters().get("cluster-1").with(StepOutcome.Status.SKIPPED).stream()
                    .filter(s -> s.step().equals("Helm release istio-system/istiod")).findFirst().orElseThrow();
            assertEquals("manual: install the control plane and the east-west gateway with `bash apply-helm.sh` in the folder of `crossmesh export`"
                    + " (helm was not found on the PATH (nor in -Dcrossmesh.helm or $CROSSMESH_HELM))", manual.message());
            assertNull(mesh.server(1).adminClient().apps().deployments().inNamespace("istio-system").withName(Labels.EASTWEST_NAME).get(),
                    "apply-helm.sh's gateway chart makes the gateway: crossmesh does not take it first");
        }
    }
}
