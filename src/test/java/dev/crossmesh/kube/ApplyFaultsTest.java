package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.plan.GatewaySpec;
import dev.crossmesh.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** A cluster going away, 403, 409 and 500: each explained with cluster, object and cause; a re-run completes the rest. */
class ApplyFaultsTest {
    static final ApplyOptions QUICK = ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(10));

    static Status status(int code, String reason, String message) {
        return new StatusBuilder().withApiVersion("v1").withKind("Status").withStatus("Failure").withCode(code).withReason(reason)
                .withMessage(message).build();
    }

    static ApplyResult apply(DemoMesh mesh, ApplyOptions options, List<ApplyEvent> events) {
        return new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs), options, events::add, CancelToken.none());
    }

    static StepOutcome failure(ApplyResult result, String cluster) {
        List<StepOutcome> failed = result.clusters().get(cluster).failed();
        assertEquals(1, failed.size(), result.clusters().get(cluster).toString());
        return failed.get(0);
    }

    @Test
    void aClusterThatGoesAwayMidApplyIsExplainedAndTheRerunCompletesIt(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs), QUICK, e -> {
                events.add(e);
                if (e.cluster().equals("cluster-2") && e.step().equals("Secret istio-system/cacerts") && e.kind() == ApplyEvent.Kind.DONE) {
                    mesh.server(2).stop();
                }
            }, CancelToken.none());
            assertFalse(result.succeeded());
            StepOutcome failed = failure(result, "cluster-2");
            assertEquals(StepOutcome.Status.FAILED, failed.status());
            assertEquals("control plane", failed.step());
            assertTrue(failed.message().startsWith("cluster cluster-2 (" + mesh.server(2).url() + ") did not answer"), failed.message());
            assertTrue(failed.message().contains("IstioOperator istio-system/crossmesh-control-plane") && failed.message().contains("run apply again"),
                    failed.message());
            ApplyResult.ClusterResult two = result.clusters().get("cluster-2");
            assertEquals(List.of("Namespace istio-system", "Secret istio-system/cacerts"), two.applied().stream().map(StepOutcome::step).toList(),
                    "what was applied before is accounted for");
            assertTrue(two.notAttempted().stream().anyMatch(s -> s.step().equals("Service istio-system/istio-eastwestgateway")));
            assertTrue(result.clusters().get("cluster-1").succeeded() == false
                    && result.clusters().get("cluster-1").notAttempted().stream().allMatch(s -> s.step().equals("Secret istio-system/istio-remote-secret-cluster-2")
                            && s.message().contains("cluster-2")), result.clusters().get("cluster-1").toString());
            assertTrue(events.stream().anyMatch(e -> e.kind() == ApplyEvent.Kind.FAILED && e.cluster().equals("cluster-2")));

            mesh.server(2).start();
            ApplyResult rerun = apply(mesh, QUICK, new CopyOnWriteArrayList<>());
            assertTrue(rerun.succeeded(), rerun.toString());
            assertTrue(rerun.clusters().get("cluster-2").unchanged().stream().anyMatch(s -> s.step().equals("Secret istio-system/cacerts")));
            assertNotNull(mesh.server(1).adminClient().secrets().inNamespace("istio-system").withName("istio-remote-secret-cluster-2").get());
        }
    }

    @Test
    void forbiddenIsExplainedWithThePermissionToAskFor(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            mesh.server(1).mockServer().expect().post().withPath("/api/v1/namespaces/istio-system/services")
                    .andReturn(403, status(403, "Forbidden", "services is forbidden: User \"dev\" cannot create resource \"services\" in API group \"\" in the namespace \"istio-system\""))
                    .once();
            ApplyResult result = apply(mesh, QUICK, new CopyOnWriteArrayList<>());
            StepOutcome failed = failure(result, "cluster-1");
            assertEquals("Service istio-system/istio-eastwestgateway", failed.step());
            assertTrue(failed.message().startsWith("cluster cluster-1: not allowed to create Service istio-system/istio-eastwestgateway (HTTP 403: services is forbidden"),
                    failed.message());
            assertTrue(failed.message().contains("RBAC permission to patch and create services in namespace istio-system"), failed.message());
            ApplyResult.ClusterResult two = result.clusters().get("cluster-2");
            assertEquals(List.of("Secret istio-system/istio-remote-secret-cluster-1"), two.notAttempted().stream().map(StepOutcome::step).toList(),
                    "cluster-2 is applied except what needs cluster-1");
            assertTrue(two.notAttempted().get(0).message().contains("reader credentials of cluster-1"), two.toString());

            ApplyResult rerun = apply(mesh, QUICK, new CopyOnWriteArrayList<>());
            assertTrue(rerun.succeeded(), rerun.toString());
        }
    }

    @Test
    void aScaledGatewayKeepsItsReplicasAndAnUnchangedReApplyWritesNothing(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            assertTrue(apply(mesh, QUICK, new CopyOnWriteArrayList<>()).succeeded());
            KubernetesClient one = mesh.server(1).adminClient();
            // kubectl scale, or an HPA: crossmesh does not own replicas, so it neither undoes nor fights it
            one.apps().deployments().inNamespace("istio-system").withName("istio-eastwestgateway").edit(d -> {
                d.getSpec().setReplicas(3);
                return d;
            });
            mesh.takeWrites(1);
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult result = apply(mesh, QUICK, events);
            assertTrue(result.succeeded(), result.toString());
            assertTrue(events.stream().anyMatch(e -> e.step().equals("Deployment istio-system/istio-eastwestgateway")
                    && e.kind() == ApplyEvent.Kind.UNCHANGED), events.toString());
            assertEquals(3, one.apps().deployments().inNamespace("istio-system").withName("istio-eastwestgateway").get().getSpec().getReplicas());
            assertEquals(List.of(), mesh.takeWrites(1), "an unchanged re-apply sends no write");
        }
    }

    @Test
    void anInvalidUpdateNamesTheFieldAndTheServersReason(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            assertTrue(apply(mesh, QUICK, new CopyOnWriteArrayList<>()).succeeded());
            Status invalid = status(422, "Invalid", "Service \"istio-eastwestgateway\" is invalid: spec.selector: Invalid value: ...: field is immutable");
            invalid.setDetails(new StatusDetailsBuilder().withName("istio-eastwestgateway").withKind("services")
                    .withCauses(new StatusCauseBuilder().withField("spec.selector").withReason("FieldValueInvalid").withMessage("field is immutable").build()).build());
            mesh.server(1).mockServer().expect().put().withPath("/api/v1/namespaces/istio-system/services/istio-eastwestgateway")
                    .andReturn(422, invalid).once();
            MeshPlan annotated = mesh.plan.withGateway(new GatewaySpec(mesh.plan.gateway().serviceType(), Map.of("example.com/team", "mesh")));
            ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(annotated, mesh.certs), QUICK, e -> { }, CancelToken.none());
            StepOutcome failed = failure(result, "cluster-1");
            assertEquals("Service istio-system/istio-eastwestgateway", failed.step());
            assertTrue(failed.message().startsWith("cluster cluster-1 rejected Service istio-system/istio-eastwestgateway as invalid (HTTP 422"), failed.message());
            assertTrue(failed.message().contains(": spec.selector: field is immutable"), failed.message());
            assertTrue(failed.message().contains("delete Service istio-system/istio-eastwestgateway (kubectl delete) and run apply again"), failed.message());
        }
    }

    @Test
    void anAdmissionWebhookDenialNamesTheWebhookAndItsReason(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            mesh.server(2).mockServer().expect().post().withPath("/apis/networking.istio.io/v1/namespaces/istio-system/gateways")
                    .andReturn(400, status(400, "BadRequest", "admission webhook \"validation.istio.io\" denied the request: configuration is invalid:"
                            + " port name must be set")).always();
            ApplyResult result = apply(mesh, QUICK, new CopyOnWriteArrayList<>());
            StepOutcome failed = failure(result, "cluster-2");
            assertEquals("Gateway istio-system/cross-network-gateway", failed.step());
            assertEquals("cluster cluster-2: the admission webhook \"validation.istio.io\" refused Gateway istio-system/cross-network-gateway"
                    + " (HTTP 400: admission webhook \"validation.istio.io\" denied the request: configuration is invalid: port name must be set)."
                    + " Its reason is above: fix what it names (or the webhook, if it should not judge this object), then run apply again.", failed.message());
        }
    }

    @Test
    void aSingleServerErrorIsRetriedByTheClient(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            mesh.server(2).mockServer().expect().post().withPath("/apis/networking.istio.io/v1/namespaces/istio-system/gateways")
                    .andReturn(500, status(500, "InternalError", "etcdserver: request timed out")).once();
            ApplyResult result = apply(mesh, QUICK, new CopyOnWriteArrayList<>());
            assertTrue(result.succeeded(), "ClusterClients lets the client retry once: " + result);
        }
    }

    @Test
    void aServerErrorIsExplainedAndNothingAppliedIsLost(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            // twice: the client's own retry meets the second
            mesh.server(2).mockServer().expect().post().withPath("/apis/networking.istio.io/v1/namespaces/istio-system/gateways")
                    .andReturn(500, status(500, "InternalError", "etcdserver: request timed out")).times(2);
            ApplyResult result = apply(mesh, QUICK, new CopyOnWriteArrayList<>());
            StepOutcome failed = failure(result, "cluster-2");
            assertEquals("Gateway istio-system/cross-network-gateway", failed.step());
            assertEquals("cluster cluster-2's API server failed when crossmesh tried to create Gateway istio-system/cross-network-gateway"
                    + " (HTTP 500: etcdserver: request timed out). This is a problem on the server side: run apply again; if it persists,"
                    + " check the API server's health.", failed.message());
            assertEquals(6, result.clusters().get("cluster-2").applied().size(), "everything before it stays applied and listed");
            assertEquals("172.18.0.12", result.gatewayAddresses().get("cluster-2"));

            ApplyResult rerun = apply(mesh, QUICK, new CopyOnWriteArrayList<>());
            assertTrue(rerun.succeeded(), rerun.toString());
            List<String> applied = rerun.clusters().get("cluster-2").applied().stream().map(StepOutcome::step).toList();
            assertEquals("Gateway istio-system/cross-network-gateway", applied.get(0), "the rest, starting where it failed");
            assertTrue(applied.contains("Secret istio-system/istio-remote-secret-cluster-1"), applied.toString());
            assertEquals(6, rerun.clusters().get("cluster-2").unchanged().size(), "what was applied before is still there");
        }
    }
}
