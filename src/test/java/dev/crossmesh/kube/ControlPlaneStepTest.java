package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The control-plane step: operator path, istioctl (a fake script standing in), manual, skip; never silent. */
class ControlPlaneStepTest {
    static final ApplyOptions QUICK = ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(10));

    @AfterEach
    void forgetIstioctl() {
        System.clearProperty(Istioctl.PROPERTY);
    }

    static Path fakeIstioctl(Path dir, int exitCode) throws Exception {
        Path script = dir.resolve("istioctl");
        Files.writeString(script, """
                #!/bin/sh
                if [ "$1" = version ]; then echo "client version: %3$s"; exit 0; fi
                echo "args: $*" >> "%1$s/calls.log"
                echo "KUBECONFIG=$KUBECONFIG" >> "%1$s/calls.log"
                cp "$4" "%1$s/installed-$6.yaml"
                echo "This will install the Istio profile into the cluster. Proceed? (y/N)"
                echo "✔ Istio core installed"
                if [ %2$d -ne 0 ]; then echo "Error: failed to install manifests: webhook timed out" >&2; exit %2$d; fi
                echo "✔ Istiod installed"
                echo "✔ Installation complete"
                """.formatted(dir, exitCode, dev.crossmesh.plan.IstioSpec.DEFAULT_VERSION));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty(Istioctl.PROPERTY, script.toString());
        return script;
    }

    static GenericKubernetesResource controlPlaneResource(DemoMesh mesh, int i) {
        return mesh.server(i).adminClient().genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("install.istio.io")
                .withVersion("v1alpha1").withKind("IstioOperator").withPlural("istiooperators").withNamespaced(true).build())
                .inNamespace("istio-system").withName("crossmesh-control-plane").get();
    }

    @Test
    void istioctlRunsWithItsOutputStreamed(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            fakeIstioctl(dir, 0);
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs), QUICK.withControlPlane(ControlPlaneMode.ISTIOCTL),
                    events::add, CancelToken.none());
            assertTrue(result.succeeded(), result.toString());
            List<String> lines = events.stream().filter(e -> e.cluster().equals("cluster-1") && e.step().equals(MeshApplier.CONTROL_PLANE))
                    .map(ApplyEvent::message).toList();
            assertTrue(lines.get(0).matches("running .*istioctl install -y -f \\S+\\.yaml --context demo-cluster-1"), lines.toString());
            assertEquals(List.of("istioctl: This will install the Istio profile into the cluster. Proceed? (y/N)", "istioctl: ✔ Istio core installed",
                    "istioctl: ✔ Istiod installed", "istioctl: ✔ Installation complete", "istioctl install finished"), lines.subList(1, lines.size()));

            String calls = Files.readString(dir.resolve("calls.log"));
            assertTrue(calls.contains("args: install -y -f ") && calls.contains(" --context demo-cluster-1"), calls);
            assertTrue(calls.contains("KUBECONFIG=" + mesh.kubeconfig()), calls);
            String installed = Files.readString(dir.resolve("installed-demo-cluster-2.yaml"));
            assertTrue(installed.contains("clusterName: cluster-2") && installed.contains("network: net-2"), installed);
            assertNull(controlPlaneResource(mesh, 1), "the istioctl path does not also apply the resource");
        }
    }

    @Test
    void aFailingIstioctlStopsTheClusterWithItsExitCode(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            fakeIstioctl(dir, 3);
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs), QUICK.withControlPlane(ControlPlaneMode.ISTIOCTL),
                    events::add, CancelToken.none());
            assertFalse(result.succeeded());
            StepOutcome failed = result.clusters().get("cluster-1").failed().get(0);
            assertEquals(MeshApplier.CONTROL_PLANE, failed.step());
            assertEquals("istioctl install exited with code 3 (its output is above): fix the cause, then run apply again", failed.message());
            assertTrue(events.stream().anyMatch(e -> e.message().equals("istioctl: Error: failed to install manifests: webhook timed out")),
                    "stderr is streamed too");
            assertTrue(result.clusters().get("cluster-1").notAttempted().stream().anyMatch(s -> s.step().equals("Service istio-system/istio-eastwestgateway")));
        }
    }

    @Test
    void dryRunAndDiffSayIstioctlWouldRunWithoutRunningIt(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir)) {
            fakeIstioctl(dir, 0);
            ApplyOptions options = QUICK.withControlPlane(ControlPlaneMode.ISTIOCTL);
            MeshDiff diff = new DiffEngine(mesh.clients).diff(Rendered.mesh(mesh.plan, mesh.certs), options);
            ObjectChange step = diff.clusters().get(0).changes().stream().filter(c -> c.object().equals(MeshApplier.CONTROL_PLANE)).findFirst().orElseThrow();
            assertEquals(ChangeKind.RUN, step.change());
            assertTrue(step.reason().startsWith("istioctl install -y -f cluster-1/03-istiooperator-crossmesh-control-plane.yaml --context demo-cluster-1"), step.reason());
            ApplyResult dry = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs), options.withDryRun(true), e -> { }, CancelToken.none());
            assertTrue(dry.succeeded(), dry.toString());
            assertFalse(Files.exists(dir.resolve("calls.log")), "a dry run never runs istioctl");
        }
    }

    @Test
    void withoutIstioctlOrOperatorTheStepIsManualAndSaysHow(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Istioctl.locate().isEmpty(), "istioctl is installed on this machine");
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            // the same clusters without the demo mark: crossmesh treats them as real ones
            Files.writeString(mesh.kubeconfig(), Files.readString(mesh.kubeconfig()).replace("crossmesh.dev/demo", "example.com/other"));
            for (int i = 1; i <= 2; i++) {
                mesh.server(i).adminClient().apiextensions().v1().customResourceDefinitions().withName("istiooperators.install.istio.io").delete();
            }
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs), QUICK, events::add, CancelToken.none());
            assertTrue(result.succeeded(), "a manual control plane is reported, not failed: " + result);
            StepOutcome manual = result.clusters().get("cluster-1").with(StepOutcome.Status.SKIPPED).stream()
                    .filter(s -> s.step().equals(MeshApplier.CONTROL_PLANE)).findFirst().orElseThrow();
            assertTrue(manual.message().startsWith("manual: install the control plane with `istioctl install -y -f "
                    + "cluster-1/03-istiooperator-crossmesh-control-plane.yaml --context demo-cluster-1`"), manual.message());
            assertNull(controlPlaneResource(mesh, 1));
            assertTrue(events.stream().anyMatch(e -> e.message().startsWith("warning: remote secrets for cluster-1 point at https://127.0.0.1")),
                    "a real cluster on a loopback address gets a warning");

            ApplyResult skip = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs), QUICK.withControlPlane(ControlPlaneMode.SKIP), e -> { },
                    CancelToken.none());
            assertTrue(skip.clusters().get("cluster-2").with(StepOutcome.Status.SKIPPED).stream()
                    .anyMatch(s -> s.step().equals(MeshApplier.CONTROL_PLANE) && s.message().startsWith("skipped (--control-plane skip)")));
        }
    }

    @Test
    void releasesWithoutTheOperatorAreRefusedTheOperatorPathAndAnIstioctlOfAnotherReleaseIsRefused(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            Files.writeString(mesh.kubeconfig(), Files.readString(mesh.kubeconfig()).replace("crossmesh.dev/demo", "example.com/other"));
            ApplyResult operator = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs), QUICK.withControlPlane(ControlPlaneMode.OPERATOR),
                    e -> { }, CancelToken.none());
            StepOutcome refused = operator.clusters().get("cluster-1").with(StepOutcome.Status.FAILED).get(0);
            assertEquals(MeshApplier.CONTROL_PLANE, refused.step());
            assertTrue(refused.message().contains("has no in-cluster operator (it was removed in 1.24)"), refused.message());

            fakeIstioctl(dir, 0);
            dev.crossmesh.plan.MeshPlan older = mesh.plan.withIstio(new dev.crossmesh.plan.IstioSpec(dev.crossmesh.plan.Flavor.ISTIO, "1.22.8", ""));
            ApplyResult wrong = new MeshApplier(mesh.clients).apply(Rendered.rollout(older, mesh.certs), QUICK.withControlPlane(ControlPlaneMode.ISTIOCTL),
                    e -> { }, CancelToken.none());
            StepOutcome mismatch = wrong.clusters().get("cluster-1").with(StepOutcome.Status.FAILED).get(0);
            assertTrue(mismatch.message().contains("is " + dev.crossmesh.plan.IstioVersion.of(dev.crossmesh.plan.IstioSpec.DEFAULT_VERSION).minorLine()
                    + " but the plan is Istio 1.22: istioctl installs only its own release"), mismatch.message());
            assertFalse(Files.exists(dir.resolve("calls.log")), "istioctl install never ran");
        }
    }

    @Test
    void theOperatorPathIsChosenWhereTheCrdIsInstalled(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            Files.writeString(mesh.kubeconfig(), Files.readString(mesh.kubeconfig()).replace("crossmesh.dev/demo", "example.com/other"));
            // demo clusters come with the IstioOperator CRD, as a cluster with the Istio operator has it
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            // a release that still has the in-cluster operator (it is gone from 1.24: IstioReleases)
            dev.crossmesh.plan.MeshPlan plan = mesh.plan.withIstio(new dev.crossmesh.plan.IstioSpec(dev.crossmesh.plan.Flavor.ISTIO, "1.23.6", ""));
            ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(plan, mesh.certs), QUICK, events::add, CancelToken.none());
            assertTrue(result.succeeded(), result.toString());
            assertTrue(events.stream().anyMatch(e -> e.step().equals(MeshApplier.CONTROL_PLANE)
                    && e.message().contains("operator path: the IstioOperator CRD is installed")), events.toString());
            assertTrue(controlPlaneResource(mesh, 2) != null);
        }
    }
}
