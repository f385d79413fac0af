package dev.crossmesh.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.crossmesh.cli.CliRunner;
import dev.crossmesh.demo.DemoApiServer;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.DemoFaults;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.IstioSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanReader;
import dev.crossmesh.plan.PlanWriter;
import dev.crossmesh.plan.VerifySpec;
import dev.crossmesh.render.Labels;
import dev.crossmesh.verify.VerifyCodes;
import dev.crossmesh.verify.VerifyWorkload;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * {@code crossmesh verify} run as a user runs it, in-process, against demo clusters on which the plan was applied with
 * {@code crossmesh apply}: a healthy mesh answers from every cluster; each break a trainer can make cuts exactly the
 * requests it should, with the finding and exit code the command promises.
 */
class VerifyEndToEndTest {
    static final String THREE = DemoMeshEndToEndTest.PLAN;
    static final List<String> CLUSTERS = List.of("eu-west", "us-east", "asia-south");

    @Test
    void aHealthyMeshIsAnsweredFromEveryClusterAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = applied(dir, DemoFaults.none(), THREE)) {
            CliRunner.Result verify = run(demo, dir, "verify", "--plan", THREE, "--json");
            assertEquals(0, verify.code(), verify.all());
            JsonObject json = JsonParser.parseString(verify.out()).getAsJsonObject();
            assertEquals(Set.of("meshId", "requests", "results", "verdict", "findings"), json.keySet(), verify.out());
            assertEquals("demo-mesh", json.get("meshId").getAsString());
            assertEquals(20, json.get("requests").getAsInt());
            assertEquals("ok", json.get("verdict").getAsString());
            assertEquals(0, json.getAsJsonArray("findings").size(), verify.out());
            Map<String, Map<String, Integer>> matrix = matrix(json);
            assertEquals(CLUSTERS, new ArrayList<>(matrix.keySet()), "one result per cluster, in plan order");
            for (JsonElement e : json.getAsJsonArray("results")) {
                JsonObject r = e.getAsJsonObject();
                assertEquals(Set.of("from", "answeredBy", "failed", "errors"), r.keySet(), r.toString());
                assertEquals(0, r.get("failed").getAsInt(), r.toString());
                assertEquals(0, r.getAsJsonArray("errors").size(), r.toString());
                Map<String, Integer> answers = matrix.get(r.get("from").getAsString());
                assertEquals(20, answers.values().stream().mapToInt(Integer::intValue).sum(), r.toString());
                for (String c : CLUSTERS) {
                    assertTrue(answers.get(c) >= 5, "requests spread over every cluster, across both networks: " + r);
                }
            }
            assertTrue(verify.err().contains("demo"), "a demo says so: " + verify.err());
            for (DemoApiServer s : demo.servers()) {
                assertNull(s.adminClient().namespaces().withName(VerifyWorkload.NAMESPACE).get(), s.name() + ": the check's namespace is gone");
                assertTrue(s.adminClient().pods().inNamespace(VerifyWorkload.NAMESPACE).list().getItems().isEmpty(), s.name());
            }
            CliRunner.Result status = run(demo, dir, "status", "--plan", THREE, "--wait", "5", "--json");
            assertEquals(0, status.code(), "status is unaffected: " + status.all());
            for (JsonElement e : JsonParser.parseString(status.out()).getAsJsonObject().getAsJsonArray("clusters")) {
                JsonObject c = e.getAsJsonObject();
                Set<String> synced = new TreeSet<>();
                c.getAsJsonArray("remoteClusters").forEach(r -> {
                    assertTrue(r.getAsJsonObject().get("synced").getAsBoolean() && r.getAsJsonObject().get("reason").isJsonNull(), r.toString());
                    synced.add(r.getAsJsonObject().get("name").getAsString());
                });
                Set<String> others = new TreeSet<>(CLUSTERS);
                others.remove(c.get("name").getAsString());
                assertEquals(others, synced, "istiod's own view: every other cluster synced, in " + c);
            }
            CliRunner.Result uninstall = run(demo, dir, "uninstall", "--plan", THREE, "--yes");
            assertEquals(0, uninstall.code(), "uninstall is unaffected: " + uninstall.all());
            assertFalse(uninstall.all().contains(VerifyWorkload.NAMESPACE), "nothing of the check is left to remove: " + uninstall.all());
        }
    }

    @Test
    void theCheckDeploysIstiosSamplesFromTheRegistryThePlanNamesAndUninstallRemovesAKeptCheck(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = applied(dir, DemoFaults.none(), THREE)) {
            MeshPlan plan = PlanReader.read(Path.of(THREE)).plan();
            Path mirrored = dir.resolve("mirrored.yaml");
            PlanWriter.write(plan.withVerify(new VerifySpec("mirror.example.com/istio")), mirrored);
            CliRunner.Result kept = run(demo, dir, "verify", "--plan", mirrored.toString(), "--keep", "--requests", "3");
            assertEquals(0, kept.code(), kept.all());
            assertImages(demo, "mirror.example.com/istio/examples-helloworld-v1:1.0", "mirror.example.com/istio/curl:8.16.0");
            for (int i = 0; i < CLUSTERS.size(); i++) {
                var client = demo.server(DemoClusters.NAME_PREFIX + (i + 1)).adminClient();
                Service hello = client.services().inNamespace(VerifyWorkload.NAMESPACE).withName("helloworld").get();
                assertEquals(List.of(5000), hello.getSpec().getPorts().stream().map(ServicePort::getPort).toList());
                assertEquals("demo-mesh", hello.getMetadata().getLabels().get(Labels.MESH));
                Deployment server = client.apps().deployments().inNamespace(VerifyWorkload.NAMESPACE).withName("helloworld").get();
                assertEquals(List.of(new EnvVar("SERVICE_VERSION", CLUSTERS.get(i), null)), server.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv(),
                        "helloworld answers with the cluster's name");
                for (Pod pod : client.pods().inNamespace(VerifyWorkload.NAMESPACE).list().getItems()) {
                    assertTrue(pod.getSpec().getContainers().stream().anyMatch(c -> c.getName().equals("istio-proxy")), "injected: " + pod.getMetadata().getName());
                }
            }

            // the command line's registry wins over the plan's; the objects left by --keep are brought back to it
            CliRunner.Result other = run(demo, dir, "verify", "--plan", mirrored.toString(), "--keep", "--requests", "3",
                    "--image-registry", "registry.internal:5000/m/");
            assertEquals(0, other.code(), other.all());
            assertImages(demo, "registry.internal:5000/m/examples-helloworld-v1:1.0", "registry.internal:5000/m/curl:8.16.0");

            CliRunner.Result bad = run(demo, dir, "verify", "--plan", THREE, "--image-registry", "https://registry.internal");
            assertEquals(2, bad.code(), bad.all());
            assertTrue(bad.err().contains("--image-registry: 'https://registry.internal' has a scheme") && !bad.all().contains("Exception"), bad.all());
            Path badPlan = dir.resolve("bad.yaml");
            PlanWriter.write(plan.withVerify(new VerifySpec("registry internal")), badPlan);
            CliRunner.Result badInPlan = run(demo, dir, "verify", "--plan", badPlan.toString());
            assertEquals(1, badInPlan.code(), badInPlan.all());
            assertTrue(badInPlan.err().contains("error CM046 verify.imageRegistry: verify.imageRegistry 'registry internal' is not a registry"), badInPlan.all());

            CliRunner.Result uninstall = run(demo, dir, "uninstall", "--plan", THREE, "--yes");
            assertEquals(0, uninstall.code(), uninstall.all());
            assertTrue(uninstall.out().contains("Namespace " + VerifyWorkload.NAMESPACE), uninstall.out());
            for (DemoApiServer s : demo.servers()) {
                assertNull(s.adminClient().namespaces().withName(VerifyWorkload.NAMESPACE).get(), s.name() + ": uninstall removes what --keep left");
            }
        }
    }

    private static void assertImages(DemoClusters demo, String helloworld, String curl) {
        for (DemoApiServer s : demo.servers()) {
            var deployments = s.adminClient().apps().deployments().inNamespace(VerifyWorkload.NAMESPACE);
            assertEquals(helloworld, deployments.withName("helloworld").get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), s.name());
            assertEquals(curl, deployments.withName("curl").get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), s.name());
        }
    }

    @Test
    void aNetworkLabelRemovedCutsTheTrafficIntoThatCluster(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = applied(dir, DemoFaults.none(), THREE)) {
            demo.server("demo-cluster-3").adminClient().namespaces().withName(Labels.ISTIO_NAMESPACE)
                    .edit(ns -> {
                        ns.getMetadata().getLabels().remove("topology.istio.io/network");
                        return ns;
                    });
            CliRunner.Result verify = run(demo, dir, "verify", "--plan", THREE, "--json", "--requests", "6");
            assertEquals(1, verify.code(), verify.all());
            JsonObject json = JsonParser.parseString(verify.out()).getAsJsonObject();
            Map<String, Map<String, Integer>> matrix = matrix(json);
            assertEquals(0, matrix.get("eu-west").get("asia-south"), "its pods look as if on net-a, where nothing reaches them: " + matrix);
            assertEquals(0, matrix.get("us-east").get("asia-south"), matrix.toString());
            assertTrue(matrix.get("eu-west").get("us-east") > 0, matrix.toString());
            JsonObject f = only(findings(json), VerifyCodes.NETWORK_LABEL_MISSING);
            assertEquals("asia-south", f.get("cluster").getAsString());
            assertTrue(f.get("message").getAsString().contains("topology.istio.io/network"), f.toString());
        }
    }

    @Test
    void aGatewayWithoutReadyPodsShutsItsNetworkOff(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = applied(dir, DemoFaults.none(), THREE)) {
            demo.server("demo-cluster-3").adminClient().apps().deployments().inNamespace(Labels.ISTIO_NAMESPACE).withName(Labels.EASTWEST_NAME)
                    .edit(d -> {
                        d.getSpec().setReplicas(0);
                        return d;
                    });
            await("asia-south's gateway pods are gone", () -> demo.server("demo-cluster-3").adminClient().pods()
                    .inNamespace(Labels.ISTIO_NAMESPACE).withLabel("istio", "eastwestgateway").list().getItems().isEmpty());
            CliRunner.Result verify = run(demo, dir, "verify", "--plan", THREE, "--json", "--requests", "6");
            assertEquals(1, verify.code(), verify.all());
            JsonObject json = JsonParser.parseString(verify.out()).getAsJsonObject();
            Map<String, Map<String, Integer>> matrix = matrix(json);
            for (String from : CLUSTERS) {
                for (String to : CLUSTERS) {
                    boolean crossesIntoNetB = to.equals("asia-south") && !from.equals("asia-south");
                    boolean crossesOutOfNetB = from.equals("asia-south") && !to.equals("asia-south");
                    assertEquals(crossesIntoNetB, matrix.get(from).get(to) == 0, from + " -> " + to + " in " + matrix
                            + (crossesOutOfNetB ? " (out of net-b through net-a's gateways still works)" : ""));
                }
            }
            JsonObject f = only(findings(json), VerifyCodes.GATEWAY_NOT_READY);
            assertEquals("asia-south", f.get("cluster").getAsString());
        }
    }

    @Test
    void aRemoteSecretIstiodCannotUseShowsInIstiodsOwnViewAndCutsThePair(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = applied(dir, DemoFaults.none(), THREE)) {
            // asia-south's secret for eu-west is there, but its token is one eu-west's API server does not know
            var secrets = demo.server("demo-cluster-3").adminClient().secrets().inNamespace(Labels.ISTIO_NAMESPACE);
            var secret = secrets.withName(Labels.remoteSecretName("eu-west")).get();
            String kubeconfig = secret.getData() != null && secret.getData().containsKey("eu-west")
                    ? new String(java.util.Base64.getDecoder().decode(secret.getData().get("eu-west")), java.nio.charset.StandardCharsets.UTF_8)
                    : secret.getStringData().get("eu-west");
            String stale = kubeconfig.replaceAll("token: .*", "token: a-token-eu-west-never-issued");
            assertTrue(!stale.equals(kubeconfig), kubeconfig.length() + " chars, no token line?");
            secret.setData(null);
            secret.setStringData(Map.of("eu-west", stale));
            secrets.resource(secret).update();

            CliRunner.Result status = run(demo, dir, "status", "--plan", THREE, "--wait", "5", "--json");
            assertEquals(1, status.code(), status.all());
            JsonObject json = JsonParser.parseString(status.out()).getAsJsonObject();
            JsonObject asia = json.getAsJsonArray("clusters").get(2).getAsJsonObject();
            assertTrue(asia.getAsJsonArray("remoteSecrets").toString().contains("eu-west"), "the secret is there: " + asia);
            assertTrue(asia.getAsJsonArray("remoteClusters").toString().contains("{\"name\":\"eu-west\",\"synced\":false,\"reason\":\"timeout\"}"),
                    asia.toString());
            JsonObject notSynced = only(findings(json), dev.crossmesh.status.StatusCodes.REMOTE_CLUSTER_NOT_SYNCED);
            assertEquals("asia-south", notSynced.get("cluster").getAsString());
            assertTrue(notSynced.get("message").getAsString().contains("reports eu-west timeout"), notSynced.toString());
            CliRunner.Result table = run(demo, dir, "status", "--plan", THREE, "--wait", "5");
            assertEquals(1, table.code(), table.all());
            assertTrue(table.out().contains("istiod's remote clusters, as istiod reports them")
                    && table.out().contains("  eu-west: asia-south synced, us-east synced\n")
                    && table.out().contains("  asia-south: eu-west TIMEOUT, us-east synced\n"), table.out());
            assertTrue(table.out().contains("error CM228 [asia-south]"), table.out());

            CliRunner.Result verify = run(demo, dir, "verify", "--plan", THREE, "--json", "--requests", "6");
            assertEquals(1, verify.code(), verify.all());
            JsonObject report = JsonParser.parseString(verify.out()).getAsJsonObject();
            assertEquals(0, matrix(report).get("asia-south").get("eu-west"), verify.out());
            JsonObject f = only(findings(report), VerifyCodes.REMOTE_CLUSTER_NOT_SYNCED);
            assertEquals("asia-south", f.get("cluster").getAsString());
        }
    }

    @Test
    void aDeletedRemoteSecretCutsExactlyThePairItOpened(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = applied(dir, DemoFaults.none(), THREE)) {
            // asia-south's istiod no longer reads eu-west
            demo.server("demo-cluster-3").adminClient().secrets().inNamespace(Labels.ISTIO_NAMESPACE)
                    .withName(Labels.remoteSecretName("eu-west")).delete();
            CliRunner.Result verify = run(demo, dir, "verify", "--plan", THREE, "--json");
            assertEquals(1, verify.code(), verify.all());
            JsonObject json = JsonParser.parseString(verify.out()).getAsJsonObject();
            assertEquals("partial", json.get("verdict").getAsString());
            Map<String, Map<String, Integer>> matrix = matrix(json);
            assertEquals(0, matrix.get("asia-south").get("eu-west"), "the broken pair: " + matrix);
            assertTrue(matrix.get("asia-south").get("us-east") > 0 && matrix.get("asia-south").get("asia-south") > 0, matrix.toString());
            for (String from : List.of("eu-west", "us-east")) {
                for (String to : CLUSTERS) {
                    assertTrue(matrix.get(from).get(to) > 0, "only that pair breaks: " + from + " -> " + to + " in " + matrix);
                }
            }
            List<JsonObject> findings = findings(json);
            assertEquals(1, findings.size(), verify.out());
            JsonObject f = findings.get(0);
            assertEquals(VerifyCodes.NO_REMOTE_SECRET, f.get("code").getAsString());
            assertEquals("asia-south", f.get("cluster").getAsString());
            assertTrue(f.get("message").getAsString().contains("no remote secret for eu-west")
                    && f.get("message").getAsString().contains("create-remote-secret --context=demo-cluster-1 --name=eu-west"), f.toString());

            CliRunner.Result text = run(demo, dir, "verify", "--plan", THREE);
            assertEquals(1, text.code(), text.all());
            assertTrue(text.out().contains("asia-south   partial") && text.out().contains("not reached: net-a (eu-west)"), text.out());
            assertTrue(text.out().contains("error " + VerifyCodes.NO_REMOTE_SECRET + " [asia-south]: eu-west did not answer requests from asia-south"), text.out());
        }
    }

    @Test
    void aDeletedCrossNetworkGatewayShutsItsNetworkOff(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = applied(dir, DemoFaults.none(), THREE)) {
            var client = demo.server("demo-cluster-3").adminClient();
            client.genericKubernetesResources("networking.istio.io/v1", "Gateway").inNamespace(Labels.ISTIO_NAMESPACE)
                    .withName(Labels.CROSS_NETWORK_GATEWAY).delete();
            CliRunner.Result verify = run(demo, dir, "verify", "--plan", THREE, "--json");
            assertEquals(1, verify.code(), verify.all());
            JsonObject json = JsonParser.parseString(verify.out()).getAsJsonObject();
            Map<String, Map<String, Integer>> matrix = matrix(json);
            assertEquals(0, matrix.get("eu-west").get("asia-south"), matrix.toString());
            assertEquals(0, matrix.get("us-east").get("asia-south"), matrix.toString());
            assertTrue(matrix.get("eu-west").get("us-east") > 0, "within net-a nothing changes: " + matrix);
            for (String to : CLUSTERS) {
                assertTrue(matrix.get("asia-south").get(to) > 0, "net-b still reaches net-a through net-a's gateways: " + matrix);
            }
            JsonObject f = only(findings(json), VerifyCodes.NO_CROSS_NETWORK_GATEWAY);
            assertEquals("asia-south", f.get("cluster").getAsString());
            assertTrue(f.get("message").getAsString().startsWith("asia-south did not answer requests from eu-west, us-east"), f.toString());
        }
    }

    @Test
    void aBrokenRootCaFailsTheTlsToAndFromThatCluster(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = applied(dir, DemoFaults.none().withBrokenRootCa("demo-cluster-3"), THREE)) {
            CliRunner.Result verify = run(demo, dir, "verify", "--plan", THREE, "--json");
            assertEquals(1, verify.code(), verify.all());
            JsonObject json = JsonParser.parseString(verify.out()).getAsJsonObject();
            Map<String, Map<String, Integer>> matrix = matrix(json);
            assertEquals(Map.of("eu-west", 0, "us-east", 0, "asia-south", 20), matrix.get("asia-south"), "only its own pod: " + matrix);
            assertEquals(0, matrix.get("eu-west").get("asia-south"), matrix.toString());
            assertEquals(0, matrix.get("us-east").get("asia-south"), matrix.toString());
            assertTrue(matrix.get("eu-west").get("us-east") > 0, matrix.toString());
            assertEquals("partial", json.get("verdict").getAsString());
            JsonObject f = only(findings(json), VerifyCodes.DIFFERENT_ROOTS);
            assertEquals("asia-south", f.get("cluster").getAsString(), "the cluster off the root the others share");
            assertTrue(f.get("message").getAsString().contains("TLS error"), f.toString());
        }
    }

    @Test
    void withoutALoadBalancerOnlyTheCrossNetworkPairsIntoThatNetworkFail(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = applied(dir, DemoFaults.none().withNoLoadBalancer("demo-cluster-3"), THREE, "--wait", "1")) {
            CliRunner.Result verify = run(demo, dir, "verify", "--plan", THREE, "--json");
            assertEquals(1, verify.code(), verify.all());
            JsonObject json = JsonParser.parseString(verify.out()).getAsJsonObject();
            Map<String, Map<String, Integer>> matrix = matrix(json);
            for (String from : CLUSTERS) {
                for (String to : CLUSTERS) {
                    boolean intoNetB = to.equals("asia-south") && !from.equals("asia-south");
                    assertEquals(intoNetB, matrix.get(from).get(to) == 0, from + " -> " + to + " in " + matrix);
                }
            }
            JsonObject f = only(findings(json), VerifyCodes.NO_GATEWAY_ADDRESS);
            assertEquals("asia-south", f.get("cluster").getAsString());
            assertTrue(f.get("message").getAsString().contains("LoadBalancer is pending"), f.toString());
        }
    }

    @Test
    void aNamespaceLabelledForARevisionNobodyInstalledGetsNoSidecars(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = applied(dir, DemoFaults.none(), THREE)) {
            // the mesh was installed without a revision; a plan that names one labels the namespace istio.io/rev=canary
            MeshPlan plan = PlanReader.read(Path.of(THREE)).plan();
            Path canary = dir.resolve("canary.yaml");
            PlanWriter.write(plan.withIstio(new IstioSpec(plan.istio().flavor(), plan.istio().version(), "canary")), canary);
            CliRunner.Result verify = run(demo, dir, "verify", "--plan", canary.toString(), "--json", "--requests", "4");
            assertEquals(1, verify.code(), verify.all());
            JsonObject json = JsonParser.parseString(verify.out()).getAsJsonObject();
            assertEquals("failed", json.get("verdict").getAsString(), "a pod without a sidecar reaches its own cluster only");
            Set<String> flagged = new TreeSet<>();
            for (JsonObject f : findings(json)) {
                if (f.get("code").getAsString().equals(VerifyCodes.NO_SIDECAR)) {
                    flagged.add(f.get("cluster").getAsString());
                    assertTrue(f.get("message").getAsString().contains("istio.io/rev=canary")
                            && f.get("message").getAsString().contains("serve revision default"), f.toString());
                }
            }
            assertEquals(new TreeSet<>(CLUSTERS), flagged, verify.out());
            for (String from : CLUSTERS) {
                assertEquals(4, matrix(json).get(from).get(from), "kube-proxy reaches the local pod: " + verify.out());
            }
        }
    }

    @Test
    void keepLeavesTheCheckInPlaceUntilTheNextRun(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = applied(dir, DemoFaults.none(), THREE)) {
            CliRunner.Result kept = run(demo, dir, "verify", "--plan", THREE, "--keep", "--requests", "3");
            assertEquals(0, kept.code(), kept.all());
            assertTrue(kept.out().contains("kept: namespace " + VerifyWorkload.NAMESPACE), kept.out());
            for (DemoApiServer s : demo.servers()) {
                Namespace ns = s.adminClient().namespaces().withName(VerifyWorkload.NAMESPACE).get();
                assertNotNull(ns, s.name());
                assertEquals(Labels.MANAGED_BY_VALUE, ns.getMetadata().getLabels().get(Labels.MANAGED_BY));
                assertEquals("demo-mesh", ns.getMetadata().getLabels().get(Labels.MESH));
                assertEquals("enabled", ns.getMetadata().getLabels().get("istio-injection"));
                assertEquals(2, s.adminClient().pods().inNamespace(VerifyWorkload.NAMESPACE).list().getItems().size(), s.name());
            }
            CliRunner.Result again = run(demo, dir, "verify", "--plan", THREE, "--requests", "3");
            assertEquals(0, again.code(), again.all());
            for (DemoApiServer s : demo.servers()) {
                assertNull(s.adminClient().namespaces().withName(VerifyWorkload.NAMESPACE).get(), s.name());
            }
        }
    }

    @Test
    void anOfflineClusterIsNamedAndTheRestIsStillChecked(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = applied(dir, DemoFaults.none(), THREE)) {
            demo.server("demo-cluster-2").stop();
            CliRunner.Result verify = run(demo, dir, "verify", "--plan", THREE, "--json", "--requests", "6");
            assertEquals(1, verify.code(), verify.all());
            JsonObject json = JsonParser.parseString(verify.out()).getAsJsonObject();
            JsonObject offline = only(findings(json), VerifyCodes.CLUSTER_UNAVAILABLE);
            assertEquals("us-east", offline.get("cluster").getAsString());
            assertTrue(offline.get("message").getAsString().contains("did not answer"), offline.toString());
            Map<String, Map<String, Integer>> matrix = matrix(json);
            assertTrue(matrix.get("eu-west").get("asia-south") > 0 && matrix.get("asia-south").get("eu-west") > 0, matrix.toString());
            assertTrue(findings(json).stream().anyMatch(f -> f.get("code").getAsString().equals(VerifyCodes.TARGET_UNAVAILABLE)
                    && f.get("cluster").getAsString().equals("us-east")), verify.out());
        }
    }

    @Test
    void twoClustersMultiPrimary(@TempDir Path dir) throws Exception {
        Path plan = onDemo(dir, "examples/two-clusters.yaml");
        try (DemoClusters demo = applied(dir, 2, DemoFaults.none(), plan.toString())) {
            CliRunner.Result verify = run(demo, dir, "verify", "--plan", plan.toString(), "--json", "--requests", "10");
            assertEquals(0, verify.code(), verify.all());
            Map<String, Map<String, Integer>> matrix = matrix(JsonParser.parseString(verify.out()).getAsJsonObject());
            assertEquals(Map.of("cluster-1", 5, "cluster-2", 5), matrix.get("cluster-1"), "round robin over both clusters: " + matrix);
            assertEquals(Map.of("cluster-1", 5, "cluster-2", 5), matrix.get("cluster-2"), matrix.toString());
        }
    }

    @Test
    void twoClustersPrimaryRemote(@TempDir Path dir) throws Exception {
        Path plan = onDemo(dir, "examples/primary-remote.yaml");
        try (DemoClusters demo = applied(dir, 2, DemoFaults.none(), plan.toString())) {
            CliRunner.Result verify = run(demo, dir, "verify", "--plan", plan.toString(), "--json", "--requests", "10");
            assertEquals(0, verify.code(), verify.all());
            Map<String, Map<String, Integer>> matrix = matrix(JsonParser.parseString(verify.out()).getAsJsonObject());
            for (String from : List.of("primary-1", "remote-1")) {
                assertTrue(matrix.get(from).get("primary-1") > 0 && matrix.get(from).get("remote-1") > 0, "the remote's sidecars are configured by "
                        + "the primary's istiod, which reads both clusters: " + matrix);
            }

            // the primary no longer reads the remote: neither side reaches the remote's pods
            demo.server("demo-cluster-1").adminClient().secrets().inNamespace(Labels.ISTIO_NAMESPACE)
                    .withName(Labels.remoteSecretName("remote-1")).delete();
            CliRunner.Result broken = run(demo, dir, "verify", "--plan", plan.toString(), "--json", "--requests", "4", "--timeout", "5");
            assertEquals(1, broken.code(), broken.all());
            JsonObject json = JsonParser.parseString(broken.out()).getAsJsonObject();
            assertTrue(findings(json).stream().anyMatch(f -> f.get("code").getAsString().equals(VerifyCodes.NO_REMOTE_SECRET)
                    && f.get("cluster").getAsString().equals("primary-1")), broken.out());
        }
    }

    // --- helpers ---

    static void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 20 s: " + what);
            Thread.sleep(50);
        }
    }

    static DemoClusters applied(Path dir, DemoFaults faults, String plan, String... applyArgs) throws Exception {
        return applied(dir, 3, faults, plan, applyArgs);
    }

    static DemoClusters applied(Path dir, int clusters, DemoFaults faults, String plan, String... applyArgs) throws Exception {
        DemoClusters demo = DemoClusters.builder().clusters(clusters).kubeconfig(dir.resolve("kubeconfig"))
                .simulation(SimulationOptions.fast()).faults(faults).start();
        try {
            List<String> args = new ArrayList<>(List.of("apply", "--plan", plan, "--yes"));
            args.addAll(List.of(applyArgs));
            CliRunner.Result apply = run(demo, dir, args.toArray(String[]::new));
            assertEquals(0, apply.code(), apply.all());
            return demo;
        } catch (RuntimeException | Error e) {
            demo.close();
            throw e;
        }
    }

    static CliRunner.Result run(DemoClusters demo, Path dir, String... args) {
        return CliRunner.run(DemoMeshEndToEndTest.with(demo, dir, args));
    }

    /** An example plan with cluster i on demo-cluster-i, its API server the kubeconfig's. */
    static Path onDemo(Path dir, String example) throws Exception {
        MeshPlan plan = PlanReader.read(Path.of(example)).plan();
        List<ClusterSpec> onDemo = new ArrayList<>();
        for (int i = 0; i < plan.clusters().size(); i++) {
            ClusterSpec c = plan.clusters().get(i);
            onDemo.add(new ClusterSpec(c.name(), DemoClusters.NAME_PREFIX + (i + 1), c.network(), c.region(), c.role(), ""));
        }
        Path file = dir.resolve(Path.of(example).getFileName());
        PlanWriter.write(plan.withClusters(onDemo), file);
        return file;
    }

    static Map<String, Map<String, Integer>> matrix(JsonObject json) {
        Map<String, Map<String, Integer>> matrix = new java.util.LinkedHashMap<>();
        for (JsonElement e : json.getAsJsonArray("results")) {
            JsonObject r = e.getAsJsonObject();
            Map<String, Integer> answers = new TreeMap<>();
            r.getAsJsonObject("answeredBy").entrySet().forEach(a -> answers.put(a.getKey(), a.getValue().getAsInt()));
            matrix.put(r.get("from").getAsString(), answers);
        }
        return matrix;
    }

    static List<JsonObject> findings(JsonObject json) {
        List<JsonObject> list = new ArrayList<>();
        json.getAsJsonArray("findings").forEach(f -> list.add(f.getAsJsonObject()));
        return list;
    }

    /** The one finding with this code; fails when there is none or more than one. */
    static JsonObject only(List<JsonObject> findings, String code) {
        List<JsonObject> matching = findings.stream().filter(f -> f.get("code").getAsString().equals(code)).toList();
        assertEquals(1, matching.size(), code + " in " + findings);
        assertFalse(matching.get(0).get("message").getAsString().isBlank());
        return matching.get(0);
    }
}
