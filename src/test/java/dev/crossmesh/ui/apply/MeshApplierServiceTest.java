package dev.crossmesh.ui.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.kube.ApplyOptions;
import dev.crossmesh.kube.CancelToken;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.Manifest;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.ui.apply.ApplyService.Outcome;
import dev.crossmesh.ui.apply.ApplyService.Update;
import dev.crossmesh.ui.preview.Rendering;
import io.fabric8.kubernetes.api.model.Secret;

/** The Apply step's service against demo clusters with the simulated control plane, as the wizard calls it. */
class MeshApplierServiceTest {
    private static final MeshPlan PLAN = MeshPlan.of("shop", List.of(new ClusterSpec("east", "demo-cluster-1", "vpc-1"),
            new ClusterSpec("west", "demo-cluster-2", "vpc-2")));
    private static final ApplyOptions QUICK = ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(20));

    @Test
    void appliesWhatThePreviewRenderedCountingEveryStepAndReportingTheGatewayAddresses(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(2).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            Rendering rendering = rendering(dir);
            MeshApplierService service = new MeshApplierService(QUICK);
            Kubeconfigs kubeconfigs = Kubeconfigs.of(List.of(demo.kubeconfig()));

            List<Update> dryUpdates = new CopyOnWriteArrayList<>();
            Outcome dry = service.apply(new ApplyService.Request(rendering, kubeconfigs, true, false), dryUpdates::add, new CancelToken());
            assertTrue(dry.succeeded(), dry.problems().toString());
            assertTrue(dry.dryRun());
            assertEquals(0, dry.total(ApplyService.ClusterOutcome::unchanged));
            assertTrue(dry.total(ApplyService.ClusterOutcome::created) > 10);
            assertEquals(null, demo.server("demo-cluster-1").adminClient().namespaces().withName("istio-system").get(), "a dry run changes nothing");
            assertCountsUpToTheTotal(dryUpdates);

            List<Update> updates = new CopyOnWriteArrayList<>();
            Outcome outcome = service.apply(new ApplyService.Request(rendering, kubeconfigs, false, false), updates::add, new CancelToken());
            assertTrue(outcome.succeeded(), outcome.problems().toString());
            assertCountsUpToTheTotal(updates);
            for (String cluster : List.of("east", "west")) {
                String address = outcome.gatewayAddresses().get(cluster);
                assertTrue(address.startsWith("127.0.0."), outcome.gatewayAddresses().toString());
                assertTrue(updates.stream().anyMatch(u -> u.cluster().equals(cluster) && u.aboutGateway() && u.gatewayAddress().equals(address)),
                        "the address arrives as an update, before the end");
            }
            assertTrue(updates.stream().noneMatch(u -> u.message().contains("BEGIN") || u.message().contains("token:")), "no key or token in a message");

            // byte for byte: the cacerts Secret in the cluster holds what the preview rendered
            Manifest cacerts = rendering.mesh().manifests("east").stream().filter(m -> m.name().equals("cacerts")).findFirst().orElseThrow();
            Secret live = demo.server("demo-cluster-1").adminClient().secrets().inNamespace("istio-system").withName("cacerts").get();
            // compared decoded, and never printed: they hold a private key
            assertTrue(decoded(cacerts.object().get("stringData"), cacerts.object().get("data")).equals(decoded(live.getStringData(), live.getData())),
                    "the live cacerts Secret differs from the previewed one (values not shown)");
            assertFalse(decoded(live.getStringData(), live.getData()).isEmpty());

            Outcome again = service.apply(new ApplyService.Request(rendering, kubeconfigs, false, false), u -> { }, new CancelToken());
            assertTrue(again.succeeded());
            assertEquals(0, again.total(ApplyService.ClusterOutcome::applied), "a second apply finds everything in place");
        }
    }

    @Test
    void theHelmChoiceRunsTheHelmPathsStepsCountedInTheProgress(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(2).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            dev.crossmesh.kube.HelmStandIn.install(java.nio.file.Files.createDirectories(dir.resolve("helm")), "v3.17.0");
            try {
                List<Update> updates = new CopyOnWriteArrayList<>();
                Outcome dry = new MeshApplierService(QUICK).apply(new ApplyService.Request(rendering(dir), Kubeconfigs.of(List.of(demo.kubeconfig())),
                        true, false, dev.crossmesh.kube.ControlPlaneMode.HELM), updates::add, new CancelToken());
                assertTrue(dry.succeeded(), dry.problems().toString());
                List<String> steps = updates.stream().filter(u -> u.cluster().equals("east")).map(Update::step).distinct().toList();
                assertTrue(steps.containsAll(List.of("Helm release istio-system/istio-base", "Helm release istio-system/istiod",
                        "Helm release istio-system/istio-eastwestgateway")), steps.toString());
                assertFalse(steps.contains("Deployment istio-system/istio-eastwestgateway"), "the gateway chart makes the gateway: " + steps);
                assertTrue(updates.stream().anyMatch(u -> u.message().startsWith("dry run: would run `helm upgrade --install istiod istiod")),
                        updates.toString());
                assertCountsUpToTheTotal(updates);
            } finally {
                dev.crossmesh.kube.HelmStandIn.forget();
            }
        }
    }

    @Test
    void cancelStopsBetweenStepsAndTheAccountSaysWhatWasNotAttempted(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(2).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            CancelToken cancel = new CancelToken();
            Outcome outcome = new MeshApplierService(QUICK).apply(new ApplyService.Request(rendering(dir), Kubeconfigs.of(List.of(demo.kubeconfig())), false, false),
                    u -> {
                        if (u.step().equals("Secret istio-system/cacerts") && u.status() == Update.Status.DONE) {
                            cancel.cancel();
                        }
                    }, cancel);
            assertTrue(outcome.cancelled());
            assertFalse(outcome.succeeded());
            assertTrue(outcome.total(ApplyService.ClusterOutcome::notAttempted) > 0);
            assertTrue(outcome.total(ApplyService.ClusterOutcome::applied) >= 2);
        }
    }

    @Test
    void aClusterStoppedMidApplyFailsInWordsNamingTheClusterAndWhatToDo(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(2).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            Outcome outcome = new MeshApplierService(QUICK).apply(new ApplyService.Request(rendering(dir), Kubeconfigs.of(List.of(demo.kubeconfig())), false, false),
                    u -> {
                        if (u.cluster().equals("west") && u.step().equals("Secret istio-system/cacerts") && u.status() == Update.Status.DONE) {
                            demo.server("demo-cluster-2").stop();
                        }
                    }, new CancelToken());
            assertFalse(outcome.succeeded());
            String problem = outcome.problems().get(0);
            assertTrue(problem.startsWith("west · "), problem);
            assertTrue(problem.contains("run apply again"), problem);
            assertFalse(problem.contains("Exception") || problem.contains("\tat "), problem);
            assertTrue(outcome.clusters().get(1).notAttempted() > 0);
        }
    }

    /** A Secret's values as text, whether they sit in stringData or (base64) in data. */
    private static Map<String, String> decoded(Object stringData, Object data) {
        Map<String, String> values = new java.util.TreeMap<>();
        if (data instanceof Map<?, ?> d) {
            d.forEach((k, v) -> values.put(String.valueOf(k), new String(java.util.Base64.getDecoder().decode(String.valueOf(v)),
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (stringData instanceof Map<?, ?> s) {
            s.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
        }
        return values;
    }

    private static Rendering rendering(Path dir) throws Exception {
        Map<String, ClusterCerts> certs = CertStore.forPlan(PLAN, dir.resolve("certs"), KeyType.EC_P256);
        return new Rendering(PLAN, certs, ManifestRenderer.render(PLAN, certs));
    }

    /** Steps done only grow, never pass the total, and reach it at the end: the progress bar's estimate is exact here. */
    private static void assertCountsUpToTheTotal(List<Update> updates) {
        int last = 0;
        for (Update u : updates) {
            assertTrue(u.stepsDone() >= last && u.stepsDone() <= u.stepsTotal(), u.toString());
            last = u.stepsDone();
        }
        Update end = updates.get(updates.size() - 1);
        assertEquals(end.stepsTotal(), end.stepsDone(), "every expected step was reported");
    }
}
