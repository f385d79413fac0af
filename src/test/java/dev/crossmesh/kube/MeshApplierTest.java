package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.plan.GatewaySpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.ServiceType;
import dev.crossmesh.render.KubeYaml;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

class MeshApplierTest {
    static final ApplyOptions QUICK = ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(10));

    static ApplyResult apply(DemoMesh mesh, MeshPlan plan, ApplyOptions options, List<ApplyEvent> events) {
        return new MeshApplier(mesh.clients).apply(Rendered.rollout(plan, mesh.certs), options, events::add, CancelToken.none());
    }

    static ApplyResult apply(DemoMesh mesh, ApplyOptions options, List<ApplyEvent> events) {
        return apply(mesh, mesh.plan, options, events);
    }

    /** name -> resourceVersion of everything in istio-system and the reader RBAC: changes iff something was written. */
    static Map<String, String> versions(KubernetesClient c) {
        Map<String, String> v = new TreeMap<>();
        List<List<? extends HasMetadata>> lists = List.of(c.secrets().inNamespace("istio-system").list().getItems(),
                c.serviceAccounts().inNamespace("istio-system").list().getItems(), c.services().inNamespace("istio-system").list().getItems(),
                c.apps().deployments().inNamespace("istio-system").list().getItems(), c.rbac().clusterRoles().list().getItems(),
                c.rbac().clusterRoleBindings().list().getItems(), List.of(c.namespaces().withName("istio-system").get()));
        lists.forEach(l -> l.forEach(o -> v.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion())));
        gateways(c).forEach(g -> v.put("Gateway/" + g.getMetadata().getName(), g.getMetadata().getResourceVersion()));
        return v;
    }

    static List<GenericKubernetesResource> gateways(KubernetesClient c) {
        return c.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("networking.istio.io").withVersion("v1")
                .withKind("Gateway").withPlural("gateways").withNamespaced(true).build()).inNamespace("istio-system").list().getItems();
    }

    @Test
    void appliesEverythingThenReapplyChangesNothing(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult first = apply(mesh, QUICK, events);
            assertTrue(first.succeeded(), first.toString());
            assertTrue(first.changedAnything());
            assertEquals(Map.of("cluster-1", "172.18.0.11", "cluster-2", "172.18.0.12"), first.gatewayAddresses());
            assertEquals(12, first.clusters().get("cluster-1").applied().size(), first.clusters().get("cluster-1").toString());
            assertTrue(events.stream().anyMatch(e -> e.cluster().equals("cluster-1") && e.step().equals(MeshApplier.CONTROL_PLANE)
                    && e.kind() == ApplyEvent.Kind.DONE && e.message().contains("operator path: demo cluster")), "the control plane step is visible");

            KubernetesClient one = mesh.server(1).adminClient();
            var ns = one.namespaces().withName("istio-system").get();
            assertEquals("net-1", ns.getMetadata().getLabels().get("topology.istio.io/network"));
            assertEquals("true", ns.getMetadata().getAnnotations().get(Ownership.CREATED_NAMESPACE));
            assertNotNull(one.secrets().inNamespace("istio-system").withName("cacerts").get());
            assertNotNull(one.apps().deployments().inNamespace("istio-system").withName("istio-eastwestgateway").get());
            assertEquals(1, gateways(one).size());

            Map<String, String> before1 = versions(one);
            Map<String, String> before2 = versions(mesh.server(2).adminClient());
            events.clear();
            ApplyResult second = apply(mesh, QUICK, events);
            assertTrue(second.succeeded(), second.toString());
            assertFalse(second.changedAnything(), second.summary());
            assertEquals(24, second.count(StepOutcome.Status.UNCHANGED));
            assertEquals(before1, versions(one), "nothing was written on re-apply");
            assertEquals(before2, versions(mesh.server(2).adminClient()));
            assertEquals(first.gatewayAddresses(), second.gatewayAddresses());
        }
    }

    @Test
    void remoteSecretsGoEveryWayWithTheSourcesServerCaAndToken(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(3, dir).withLoadBalancers()) {
            // a default namespace in the contexts must not decide where remote secrets go (istio#49780)
            Files.writeString(mesh.kubeconfig(), Files.readString(mesh.kubeconfig()).replace("user: demo-cluster-", "namespace: default\n    user: demo-cluster-"));
            ApplyResult result = apply(mesh, QUICK, new CopyOnWriteArrayList<>());
            assertTrue(result.succeeded(), result.toString());
            for (int reader = 1; reader <= 3; reader++) {
                KubernetesClient readerClient = mesh.server(reader).adminClient();
                assertTrue(readerClient.secrets().inNamespace("default").list().getItems().isEmpty(), "nothing lands in the context's namespace");
                for (int source = 1; source <= 3; source++) {
                    String name = "istio-remote-secret-cluster-" + source;
                    Secret secret = readerClient.secrets().inNamespace("istio-system").withName(name).get();
                    if (source == reader) {
                        assertNull(secret, "no secret of a cluster for itself");
                        continue;
                    }
                    assertNotNull(secret, name + " in cluster-" + reader);
                    assertEquals("true", secret.getMetadata().getLabels().get("istio/multiCluster"));
                    assertEquals("cluster-" + source, secret.getMetadata().getAnnotations().get("networking.istio.io/cluster"));
                    assertEquals(List.of("cluster-" + source), List.copyOf(secret.getData().keySet()), "one key: the cluster name");
                    Map<String, Object> kubeconfig = KubeYaml.loadAll(decode(secret.getData().get("cluster-" + source))).get(0);

                    Secret token = mesh.server(source).adminClient().secrets().inNamespace("istio-system")
                            .withName("istio-reader-service-account-istio-remote-secret-token").get();
                    assertEquals("kubernetes.io/service-account-token", token.getType());
                    assertEquals("istio-reader-service-account", token.getMetadata().getAnnotations().get("kubernetes.io/service-account.name"));
                    Map<?, ?> cluster = (Map<?, ?>) ((Map<?, ?>) ((List<?>) kubeconfig.get("clusters")).get(0)).get("cluster");
                    assertEquals(mesh.server(source).url(), cluster.get("server"));
                    assertEquals(token.getData().get("ca.crt"), cluster.get("certificate-authority-data"));
                    assertEquals(mesh.server(source).certificatePem(), decode((String) cluster.get("certificate-authority-data")));
                    Map<?, ?> user = (Map<?, ?>) ((Map<?, ?>) ((List<?>) kubeconfig.get("users")).get(0)).get("user");
                    assertEquals(decode(token.getData().get("token")), user.get("token"));
                    assertEquals("cluster-" + source, kubeconfig.get("current-context"));
                }
                var role = readerClient.rbac().clusterRoles().withName("istio-reader-clusterrole-istio-system").get();
                assertTrue(role.getRules().stream().anyMatch(r -> r.getResources().contains("endpointslices")));
                var binding = readerClient.rbac().clusterRoleBindings().withName("istio-reader-clusterrole-istio-system").get();
                assertEquals("istio-reader-service-account", binding.getSubjects().get(0).getName());
                assertEquals("istio-system", binding.getSubjects().get(0).getNamespace());
            }
        }
    }

    @Test
    void primaryRemoteAppliesThePrimaryFirstAndGivesTheRemoteItsAddress(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.primaryRemote(dir).withLoadBalancers()) {
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult result = apply(mesh, QUICK, events);
            assertTrue(result.succeeded(), result.toString());
            int primaryAddress = indexOf(events, e -> e.cluster().equals("cluster-1") && e.step().equals(MeshApplier.GATEWAY_ADDRESS)
                    && e.kind() == ApplyEvent.Kind.DONE);
            int remoteFirst = indexOf(events, e -> e.cluster().equals("cluster-2"));
            assertTrue(primaryAddress >= 0 && primaryAddress < remoteFirst, "the remote starts after the primary has its address");

            GenericKubernetesResource iop = mesh.server(2).adminClient().genericKubernetesResources(new ResourceDefinitionContext.Builder()
                    .withGroup("install.istio.io").withVersion("v1alpha1").withKind("IstioOperator").withPlural("istiooperators").withNamespaced(true)
                    .build()).inNamespace("istio-system").withName("crossmesh-control-plane").get();
            String yaml = KubeYaml.dump(iop.getAdditionalProperties().get("spec"));
            assertTrue(yaml.contains("remotePilotAddress: 172.18.0.11"), yaml);
            assertTrue(yaml.contains("profile: remote"), yaml);
            assertEquals("cluster-1", mesh.server(2).adminClient().namespaces().withName("istio-system").get()
                    .getMetadata().getAnnotations().get("topology.istio.io/controlPlaneClusters"));
            assertNotNull(mesh.server(1).adminClient().secrets().inNamespace("istio-system").withName("istio-remote-secret-cluster-2").get());
            assertTrue(mesh.server(2).adminClient().secrets().inNamespace("istio-system").list().getItems().stream()
                    .noneMatch(s -> s.getMetadata().getName().startsWith("istio-remote-secret")), "one direction only");
            var remoteRole = mesh.server(2).adminClient().rbac().clusterRoles().withName("istio-reader-clusterrole-istio-system").get();
            assertTrue(remoteRole.getRules().stream().anyMatch(r -> r.getResources().contains("mutatingwebhookconfigurations")),
                    "the primary's istiod patches the remote's webhooks");
        }
    }

    @Test
    void everyStepOfTheRolloutEndsOnceAndEventsSayTypedWhatHappened(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.primaryRemote(dir).withLoadBalancers()) {
            ApplyRollout rollout = Rendered.rollout(mesh.plan, mesh.certs);
            for (boolean dryRun : List.of(true, false)) {
                List<ApplyEvent> events = new CopyOnWriteArrayList<>();
                ApplyResult result = new MeshApplier(mesh.clients).apply(rollout, QUICK.withDryRun(dryRun), events::add, CancelToken.none());
                // a dry run cannot give the remote's control plane an address that does not exist yet: that step is not attempted
                assertEquals(!dryRun, result.succeeded(), result.summary());
                java.util.Set<String> planned = new java.util.TreeSet<>();
                mesh.plan.clusters().forEach(c -> rollout.steps(c.name()).forEach(s -> planned.add(c.name() + " " + s.name())));
                java.util.Set<String> ended = new java.util.TreeSet<>();
                result.clusters().values().forEach(c -> c.steps().forEach(s -> ended.add(c.cluster() + " " + s.step())));
                // a gateway address found or not waited for is said in an event; a pending one is also an outcome
                events.stream().filter(e -> e.detail() instanceof ApplyEvent.GatewayPending || e.detail() instanceof ApplyEvent.GatewayAddress)
                        .forEach(e -> ended.add(e.cluster() + " " + e.step()));
                assertEquals(planned, ended, "dry run " + dryRun + ": the rollout lists exactly the steps the applier takes");
                assertEquals(rollout.size(), ended.size());

                long createdEvents = events.stream().filter(e -> e.detail() instanceof ApplyEvent.ObjectResult r && r.change() == ChangeKind.CREATE
                        && r.dryRun() == dryRun).count();
                long createdSteps = result.clusters().values().stream().flatMap(c -> c.steps().stream()).filter(StepOutcome::created).count();
                assertTrue(createdSteps > 10, "created " + createdSteps);
                assertEquals(createdSteps, createdEvents, "every created object says so in its event's detail");
                if (!dryRun) {
                    assertTrue(events.stream().anyMatch(e -> e.cluster().equals("cluster-1")
                            && e.detail() instanceof ApplyEvent.GatewayAddress a && a.address().equals("172.18.0.11")), "the address is typed");
                }
            }
            ApplyResult again = new MeshApplier(mesh.clients).apply(rollout, QUICK, e -> { }, CancelToken.none());
            assertFalse(again.changedAnything(), again.summary());
            assertTrue(again.clusters().values().stream().flatMap(c -> c.steps().stream())
                    .filter(s -> s.detail() instanceof ApplyEvent.ObjectResult).allMatch(s -> ((ApplyEvent.ObjectResult) s.detail()).change()
                            == ChangeKind.UNCHANGED), "a re-apply finds every object unchanged");
        }
    }

    @Test
    void primaryRemoteWithoutPrimaryAddressHoldsBackOnlyTheRemoteControlPlane(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.primaryRemote(dir)) {
            ApplyResult result = apply(mesh, ApplyOptions.defaults().withGatewayWait(Duration.ZERO), new CopyOnWriteArrayList<>());
            assertFalse(result.succeeded());
            StepOutcome controlPlane = result.clusters().get("cluster-2").steps().stream()
                    .filter(s -> s.step().equals(MeshApplier.CONTROL_PLANE)).findFirst().orElseThrow();
            assertEquals(StepOutcome.Status.NOT_ATTEMPTED, controlPlane.status());
            assertTrue(controlPlane.message().contains("east-west gateway address of cluster-1"), controlPlane.message());
            assertNotNull(mesh.server(2).adminClient().services().inNamespace("istio-system").withName("istio-eastwestgateway").get(),
                    "the remote's other objects are applied");
        }
    }

    @Test
    void dryRunChangesNothing(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult result = apply(mesh, QUICK.withDryRun(true), events);
            assertTrue(result.succeeded(), result.toString());
            assertTrue(result.dryRun());
            assertTrue(result.changedAnything(), "it says what would change");
            for (int i = 1; i <= 2; i++) {
                KubernetesClient c = mesh.server(i).adminClient();
                assertNull(c.namespaces().withName("istio-system").get());
                assertTrue(c.secrets().inAnyNamespace().list().getItems().isEmpty());
                assertTrue(c.rbac().clusterRoles().list().getItems().isEmpty());
            }
            assertTrue(events.stream().anyMatch(e -> e.message().contains("would be created")));
            assertTrue(events.stream().noneMatch(e -> e.kind() == ApplyEvent.Kind.WAITING), "no waits in a dry run");

            // on an applied mesh with one edit, the dry run names the update and leaves it
            assertTrue(apply(mesh, QUICK, new CopyOnWriteArrayList<>()).succeeded());
            KubernetesClient one = mesh.server(1).adminClient();
            one.services().inNamespace("istio-system").withName("istio-eastwestgateway").edit(s -> {
                s.getMetadata().getLabels().remove("topology.istio.io/network");
                return s;
            });
            Map<String, String> before = versions(one);
            events.clear();
            ApplyResult dry = apply(mesh, QUICK.withDryRun(true), events);
            assertTrue(events.stream().anyMatch(e -> e.message().equals("would be updated: metadata.labels.topology.istio.io/network")), events.toString());
            assertEquals(1, dry.count(StepOutcome.Status.APPLIED), dry.toString());
            assertEquals(before, versions(one));
            assertFalse(one.services().inNamespace("istio-system").withName("istio-eastwestgateway").get().getMetadata().getLabels()
                    .containsKey("topology.istio.io/network"));
        }
    }

    @Test
    void objectsCrossmeshDidNotCreateAreLeftAloneWithoutForce(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            KubernetesClient one = mesh.server(1).adminClient();
            one.resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata().build()).create();
            Secret foreign = one.resource(new SecretBuilder().withNewMetadata().withName("cacerts").withNamespace("istio-system")
                    .addToLabels("app.kubernetes.io/managed-by", "Helm").endMetadata().addToStringData("root-cert.pem", "theirs").build()).create();

            MeshDiff diff = new DiffEngine(mesh.clients).diff(Rendered.mesh(mesh.plan, mesh.certs), ApplyOptions.defaults());
            ObjectChange change = diff.clusters().get(0).changes().stream().filter(c -> c.object().equals("Secret istio-system/cacerts")).findFirst().orElseThrow();
            assertEquals(ChangeKind.NOT_OWNED, change.change());
            assertTrue(change.reason().contains("managed by Helm") && change.reason().contains("--force"), change.reason());

            ApplyResult result = apply(mesh, QUICK, new CopyOnWriteArrayList<>());
            assertFalse(result.succeeded());
            StepOutcome refused = result.clusters().get("cluster-1").failed().get(0);
            assertEquals(StepOutcome.Status.REFUSED, refused.status());
            assertEquals("Secret istio-system/cacerts", refused.step());
            assertEquals(foreign.getMetadata().getResourceVersion(),
                    one.secrets().inNamespace("istio-system").withName("cacerts").get().getMetadata().getResourceVersion(), "not touched");
            assertTrue(result.clusters().get("cluster-1").notAttempted().isEmpty(), "the other objects are still applied");
            assertTrue(result.clusters().get("cluster-2").succeeded());

            ApplyResult forced = apply(mesh, QUICK.withForce(true), new CopyOnWriteArrayList<>());
            assertTrue(forced.succeeded(), forced.toString());
            Secret taken = one.secrets().inNamespace("istio-system").withName("cacerts").get();
            assertEquals("true", taken.getMetadata().getAnnotations().get(Ownership.ADOPTED));
            assertEquals(mesh.certs.get("cluster-1").rootCertPem(), decode(taken.getData().get("root-cert.pem")));

            UninstallResult removed = new Uninstaller(mesh.clients).uninstall(mesh.plan, e -> { }, CancelToken.none());
            assertTrue(removed.succeeded(), removed.toString());
            Secret kept = one.secrets().inNamespace("istio-system").withName("cacerts").get();
            assertNotNull(kept, "it existed before crossmesh: uninstall leaves it");
            assertFalse(kept.getMetadata().getLabels().containsKey("crossmesh.dev/mesh"));
            assertNotNull(one.namespaces().withName("istio-system").get(), "the namespace existed before crossmesh");
        }
    }

    @Test
    void uninstallLeavesForeignObjectsAndForeignLabelsAlone(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            KubernetesClient one = mesh.server(1).adminClient();
            one.resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").addToLabels("team", "platform")
                    .addToAnnotations("owner", "ops").endMetadata().build()).create();
            one.resource(new ConfigMapBuilder().withNewMetadata().withName("theirs").withNamespace("istio-system").endMetadata().build()).create();
            assertTrue(apply(mesh, QUICK, new CopyOnWriteArrayList<>()).succeeded());

            var adopted = one.namespaces().withName("istio-system").get();
            assertEquals("platform", adopted.getMetadata().getLabels().get("team"));
            assertEquals("net-1", adopted.getMetadata().getLabels().get("topology.istio.io/network"));
            assertEquals("app.kubernetes.io/managed-by,crossmesh.dev/mesh,topology.istio.io/network",
                    adopted.getMetadata().getAnnotations().get(Ownership.ADDED_LABELS));
            assertNull(adopted.getMetadata().getAnnotations().get(Ownership.CREATED_NAMESPACE));
            assertFalse(apply(mesh, QUICK, new CopyOnWriteArrayList<>()).changedAnything(), "adoption is stable");

            UninstallPreview preview = new Uninstaller(mesh.clients).preview(mesh.plan);
            assertTrue(preview.actions().get("cluster-1").stream().noneMatch(a -> a.name().equals("theirs")));
            UninstallResult result = new Uninstaller(mesh.clients).execute(preview, e -> { }, CancelToken.none());
            assertTrue(result.succeeded(), result.toString());

            var left = one.namespaces().withName("istio-system").get();
            assertNotNull(left, "it existed before crossmesh");
            assertEquals(Map.of("team", "platform"), left.getMetadata().getLabels());
            assertEquals(Map.of("owner", "ops"), left.getMetadata().getAnnotations());
            assertNotNull(one.configMaps().inNamespace("istio-system").withName("theirs").get());
            assertNull(one.secrets().inNamespace("istio-system").withName("cacerts").get());
            assertTrue(one.rbac().clusterRoles().list().getItems().isEmpty());

            // cluster-2's namespace was crossmesh's and is empty now: gone
            assertNull(mesh.server(2).adminClient().namespaces().withName("istio-system").get());
            assertFalse(new Uninstaller(mesh.clients).preview(mesh.plan).hasWork(), "a second uninstall has nothing to do");
        }
    }

    @Test
    void uninstallKeepsACreatedNamespaceThatHoldsSomethingElse(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            assertTrue(apply(mesh, QUICK, new CopyOnWriteArrayList<>()).succeeded());
            KubernetesClient two = mesh.server(2).adminClient();
            two.resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withName("istiod")
                    .withNamespace("istio-system").endMetadata().build()).create();
            UninstallPreview preview = new Uninstaller(mesh.clients).preview(mesh.plan);
            List<UninstallAction> actions = preview.actions().get("cluster-2");
            assertTrue(actions.stream().anyMatch(a -> a.action() == UninstallAction.Action.KEEP && a.name().equals("istiod")
                    && a.detail().contains("istioctl uninstall --purge -y --context demo-cluster-2")), actions.toString());
            UninstallResult result = new Uninstaller(mesh.clients).execute(preview, e -> { }, CancelToken.none());
            assertTrue(result.succeeded(), result.toString());
            var ns = two.namespaces().withName("istio-system").get();
            assertNotNull(ns, "it still holds istiod");
            assertFalse(ns.getMetadata().getLabels().containsKey("topology.istio.io/network"));
            StepOutcome nsStep = result.clusters().get("cluster-2").stream().filter(s -> s.step().equals("Namespace istio-system")).findFirst().orElseThrow();
            assertTrue(nsStep.message().contains("Deployment istio-system/istiod"), nsStep.message());
        }
    }

    @Test
    void pendingGatewayAddressSaysWhyAndNodePortDoesNotWait(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir)) {
            long t0 = System.nanoTime();
            ApplyResult result = apply(mesh, ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(1)), new CopyOnWriteArrayList<>());
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 10);
            assertTrue(result.succeeded(), "a pending address is not a failed apply: " + result);
            assertTrue(result.gatewayAddresses().isEmpty());
            StepOutcome pending = result.clusters().get("cluster-1").with(StepOutcome.Status.SKIPPED).get(0);
            assertEquals(MeshApplier.GATEWAY_ADDRESS, pending.step());
            assertTrue(pending.message().contains("pending") && pending.message().contains("gateway.serviceType: NodePort"), pending.message());

            MeshPlan nodePort = mesh.plan.withGateway(new GatewaySpec(ServiceType.NODE_PORT, Map.of()));
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            ApplyResult np = apply(mesh, nodePort, ApplyOptions.defaults(), events);
            assertTrue(np.succeeded(), np.toString());
            assertTrue(events.stream().anyMatch(e -> e.step().equals(MeshApplier.GATEWAY_ADDRESS) && e.message().startsWith("NodePort gateway: no load-balancer address to wait for")));
            assertTrue(events.stream().noneMatch(e -> e.kind() == ApplyEvent.Kind.WAITING && e.step().equals(MeshApplier.GATEWAY_ADDRESS)));
            assertEquals("NodePort", mesh.server(1).adminClient().services().inNamespace("istio-system").withName("istio-eastwestgateway").get().getSpec().getType());
        }
    }

    @Test
    void cancelStopsBetweenStepsAndSaysWhatWasApplied(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir).withLoadBalancers()) {
            CancelToken cancel = new CancelToken();
            List<ApplyEvent> events = new CopyOnWriteArrayList<>();
            // cancelled once every cluster has its cacerts: the clusters run side by side, so the first one's alone
            // could come before the other's first step
            java.util.Set<String> withCacerts = java.util.concurrent.ConcurrentHashMap.newKeySet();
            ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs), QUICK, e -> {
                events.add(e);
                if (e.step().equals("Secret istio-system/cacerts") && e.kind() == ApplyEvent.Kind.DONE
                        && withCacerts.add(e.cluster()) && withCacerts.size() == mesh.plan.clusters().size()) {
                    cancel.cancel();
                }
            }, cancel);
            assertTrue(result.cancelled());
            assertFalse(result.succeeded());
            for (ApplyResult.ClusterResult c : result.clusters().values()) {
                assertTrue(c.applied().stream().anyMatch(s -> s.step().equals("Namespace istio-system")), c.toString());
                assertFalse(c.notAttempted().isEmpty(), c.toString());
                assertTrue(c.notAttempted().stream().allMatch(s -> s.message().contains("cancelled")), c.toString());
            }
            ApplyResult rest = apply(mesh, QUICK, new CopyOnWriteArrayList<>());
            assertTrue(rest.succeeded(), rest.toString());
            assertTrue(rest.clusters().get("cluster-1").unchanged().stream().anyMatch(s -> s.step().equals("Namespace istio-system")));
        }
    }

    @Test
    void unknownContextAppliesNothingAnywhere(@TempDir Path dir) throws Exception {
        try (DemoMesh mesh = DemoMesh.multiPrimary(2, dir)) {
            MeshPlan wrong = mesh.plan.withClusters(List.of(mesh.plan.clusters().get(0), mesh.plan.clusters().get(1).withName("cluster-2")
                    .withRegion("").withApiServer("")).stream().map(c -> c.name().equals("cluster-2")
                            ? new dev.crossmesh.plan.ClusterSpec("cluster-2", "demo-cluster-9", "net-2") : c).toList());
            ApplyResult result = apply(mesh, wrong, QUICK, new CopyOnWriteArrayList<>());
            assertFalse(result.succeeded());
            StepOutcome failure = result.clusters().get("cluster-2").failed().get(0);
            assertTrue(failure.message().contains("'demo-cluster-9'"), failure.message());
            assertEquals(StepOutcome.Status.NOT_ATTEMPTED, result.clusters().get("cluster-1").steps().get(0).status());
            assertNull(mesh.server(1).adminClient().namespaces().withName("istio-system").get());
        }
    }

    static int indexOf(List<ApplyEvent> events, java.util.function.Predicate<ApplyEvent> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }
}
