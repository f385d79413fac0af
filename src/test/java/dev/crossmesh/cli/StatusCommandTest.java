package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.yaml.snakeyaml.Yaml;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.PlanWriter;
import dev.crossmesh.render.Labels;
import dev.crossmesh.status.MeshFixture;

/** {@code crossmesh status} in-process against demo clusters: the JSON contract, the table, watch mode and exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusCommandTest {
    MeshFixture mesh;
    Path plan;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        mesh = MeshFixture.start(2, dir);
        plan = mesh.writePlan(dir.resolve("plan.yaml"));
    }

    @BeforeEach
    void healthy() {
        mesh.installHealthy();
    }

    @AfterAll
    void stop() {
        mesh.close();
    }

    CliRunner.Result status(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("status", "--plan", plan.toString(), "--kubeconfig", mesh.kubeconfig().toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    static void assertKeys(JsonObject object, String... keys) {
        assertEquals(Set.of(keys), object.keySet(), object.toString());
    }

    @Test
    void healthyMeshAsJsonWithTheExactShapeAndExitZero() {
        CliRunner.Result r = status("--json");
        assertEquals(0, r.code(), r.all());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertKeys(json, "meshId", "clusters", "findings");
        assertEquals("mesh1", json.get("meshId").getAsString());
        assertEquals(0, json.getAsJsonArray("findings").size(), r.out());
        JsonArray clusters = json.getAsJsonArray("clusters");
        assertEquals(2, clusters.size());
        JsonObject c1 = clusters.get(0).getAsJsonObject();
        assertKeys(c1, "name", "context", "state", "network", "istiod", "gateway", "remoteSecrets", "rootCertSha256", "helmReleases", "remoteClusters");
        assertEquals("cluster-1", c1.get("name").getAsString());
        assertEquals("demo-cluster-1", c1.get("context").getAsString());
        assertEquals("synced", c1.get("state").getAsString());
        assertEquals("vpc-1", c1.get("network").getAsString());
        assertKeys(c1.getAsJsonObject("istiod"), "ready", "total");
        assertEquals(1, c1.getAsJsonObject("istiod").get("ready").getAsInt());
        assertEquals(1, c1.getAsJsonObject("istiod").get("total").getAsInt());
        JsonObject gateway = c1.getAsJsonObject("gateway");
        assertKeys(gateway, "address", "ready", "total", "probe");
        assertEquals("127.0.0.1", gateway.get("address").getAsString());
        assertEquals(1, gateway.get("ready").getAsInt());
        assertEquals(1, gateway.get("total").getAsInt());
        assertEquals("ready", gateway.get("probe").getAsString());
        assertEquals("[\"cluster-2\"]", c1.getAsJsonArray("remoteSecrets").toString());
        assertEquals(mesh.rootSha256(), c1.get("rootCertSha256").getAsString());
    }

    /** A remote secret whose kubeconfig is garbage, or names no server, is there but useless: status says so. */
    @Test
    void aRemoteSecretWhoseKubeconfigIsGarbageIsAnError() {
        String name = Labels.remoteSecretName("cluster-1");
        var secrets = mesh.admin("cluster-2").secrets().inNamespace("istio-system");
        var secret = secrets.withName(name).get();
        for (String kubeconfig : List.of("\u001b[31m: not: [yaml", "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {}}]\n")) {
            secret.setData(java.util.Map.of("cluster-1", java.util.Base64.getEncoder().encodeToString(kubeconfig.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            secret.getMetadata().setResourceVersion(null);
            secrets.resource(secret).update();
            CliRunner.Result r = status();
            assertEquals(1, r.code(), r.all());
            assertTrue(r.out().contains("CM230") && r.out().contains("secret " + name + " in cluster-2 registers cluster cluster-1, but its kubeconfig"),
                    r.out());
            assertFalse(r.out().contains("\u001b"), "nothing of the secret is echoed raw: " + r.out());
        }
    }

    @Test
    void errorsGiveExitOneAndFindingsWithTheirShape() {
        mesh.admin("cluster-2").secrets().inNamespace("istio-system").withName(Labels.remoteSecretName("cluster-1")).delete();
        mesh.admin("cluster-1").services().inNamespace("istio-system").withName(Labels.EASTWEST_NAME).delete();
        CliRunner.Result r = status("--json");
        assertEquals(1, r.code(), r.all());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject c1 = json.getAsJsonArray("clusters").get(0).getAsJsonObject();
        assertTrue(c1.getAsJsonObject("gateway").get("address").isJsonNull(), "unknown values are null, not missing: " + c1);
        assertEquals("not_probed", c1.getAsJsonObject("gateway").get("probe").getAsString());
        JsonArray findings = json.getAsJsonArray("findings");
        JsonObject first = findings.get(0).getAsJsonObject();
        assertKeys(first, "severity", "code", "cluster", "message");
        assertEquals("error", first.get("severity").getAsString());
        assertEquals("CM210", first.get("code").getAsString());
        assertEquals("cluster-1", first.get("cluster").getAsString());
        assertTrue(findings.toString().contains("\"code\":\"CM221\",\"cluster\":\"cluster-2\""), findings.toString());
    }

    @Test
    void tableShowsARowPerClusterTheMatrixAndTheFindings() {
        mesh.admin("cluster-2").secrets().inNamespace("istio-system").withName(Labels.remoteSecretName("cluster-1")).delete();
        CliRunner.Result r = status();
        assertEquals(1, r.code(), r.all());
        String out = r.out();
        String shortRoot = mesh.rootSha256().substring(0, 12);
        assertTrue(out.contains("CLUSTER    CONTEXT                STATE   NETWORK  ISTIOD  GATEWAY    PODS  PROBE  REMOTE SECRETS  ROOT"), out);
        assertTrue(out.contains("cluster-1  demo-cluster-1 (demo)  synced  vpc-1    1/1     127.0.0.1  1/1   ready  cluster-2       " + shortRoot), out);
        assertTrue(out.contains("cluster-2  demo-cluster-2 (demo)  synced  vpc-2    1/1     127.0.0.1  1/1   ready  -               " + shortRoot), out);
        assertTrue(out.contains("(demo): a crossmesh demo cluster, an API server inside crossmesh on this machine"), out);
        assertTrue(out.contains("cluster-1  -          ok"), out);
        assertTrue(out.contains("cluster-2  MISSING    -"), out);
        assertTrue(out.contains("error CM221 [cluster-2]: cluster-2 has no remote secret for cluster-1"), out);
        assertTrue(out.contains("unhealthy: 1 error(s), 0 warning(s)"), out);
    }

    @Test
    void healthyTableSaysSo() {
        CliRunner.Result r = status();
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("healthy: no findings"), r.out());
    }

    @Test
    void unreadablePlanOrKubeconfigIsExitTwo(@TempDir Path dir) {
        CliRunner.Result noPlan = CliRunner.run("status", "--plan", dir.resolve("none.yaml").toString());
        assertEquals(2, noPlan.code(), noPlan.all());
        CliRunner.Result noKubeconfig = CliRunner.run("status", "--plan", plan.toString(), "--kubeconfig", dir.resolve("none").toString());
        assertEquals(2, noKubeconfig.code(), noKubeconfig.all());
        assertTrue(noKubeconfig.err().contains("does not exist"), noKubeconfig.err());
        assertTrue(noKubeconfig.err().lines().count() <= 2, "no stack trace: " + noKubeconfig.err());
    }

    @Test
    void anUnknownContextIsShownOfflineWithExitOne(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("plan.yaml");
        PlanWriter.write(mesh.plan.withClusters(List.of(mesh.plan.clusters().get(0), new ClusterSpec("cluster-2", "gone-context", "vpc-2"))), other);
        CliRunner.Result r = CliRunner.run("status", "--plan", other.toString(), "--kubeconfig", mesh.kubeconfig().toString(), "--json");
        assertEquals(1, r.code(), r.all());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject offline = json.getAsJsonArray("clusters").get(1).getAsJsonObject();
        assertEquals("offline", offline.get("state").getAsString());
        // nothing known of it: null, as the table's "?", never 0 or [] a script would take for facts
        assertKeys(offline, "name", "context", "state", "network", "istiod", "gateway", "remoteSecrets", "rootCertSha256", "helmReleases", "remoteClusters");
        assertTrue(offline.getAsJsonObject("istiod").get("ready").isJsonNull() && offline.getAsJsonObject("istiod").get("total").isJsonNull(), offline.toString());
        assertTrue(offline.getAsJsonObject("gateway").get("ready").isJsonNull() && offline.getAsJsonObject("gateway").get("total").isJsonNull(), offline.toString());
        assertTrue(offline.get("remoteSecrets").isJsonNull() && offline.get("network").isJsonNull(), offline.toString());
        assertTrue(r.out().contains("context 'gone-context' is not in kubeconfig"), r.out());
        assertEquals("synced", json.getAsJsonArray("clusters").get(0).getAsJsonObject().get("state").getAsString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aClusterThatNeverAnswersIsNotCalledHealthy(@TempDir Path dir) throws Exception {
        // an API server that takes the connection and never answers (a half-dead VPN): the cluster stays connecting
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, Object> config = new Yaml().load(Files.readString(mesh.kubeconfig()));
            ((List<Object>) config.get("clusters")).add(Map.of("name", "silent", "cluster",
                    Map.of("server", "https://127.0.0.1:" + silent.getLocalPort(), "insecure-skip-tls-verify", true)));
            ((List<Object>) config.get("users")).add(Map.of("name", "silent-user", "user", Map.of("token", "t")));
            ((List<Object>) config.get("contexts")).add(Map.of("name", "silent-context", "context", Map.of("cluster", "silent", "user", "silent-user")));
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(kubeconfig, new Yaml().dump(config));
            Path other = dir.resolve("plan.yaml");
            PlanWriter.write(mesh.plan.withClusters(List.of(mesh.plan.clusters().get(0), new ClusterSpec("cluster-2", "silent-context", "vpc-2"))), other);

            CliRunner.Result r = CliRunner.run("status", "--plan", other.toString(), "--kubeconfig", kubeconfig.toString(), "--wait", "4");

            assertEquals(1, r.code(), "a cluster nothing is known of must not pass as healthy: " + r.all());
            assertTrue(r.out().contains("warning CM201 [cluster-2]"), r.out());
            // on a busy machine cluster-1 may still be listing too: only cluster-2 is sure to be named
            String verdict = r.out().lines().filter(l -> l.startsWith("unknown: ")).findFirst().orElse("");
            assertTrue(verdict.contains("cluster-2 connecting") && verdict.contains("so the mesh cannot be called healthy yet"), r.out());
        }
    }

    @Test
    void watchPrintsAJsonLinePerChangeUntilStdinCloses() throws Exception {
        PipedOutputStream stdin = new PipedOutputStream();
        InputStream piped = new PipedInputStream(stdin);
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Cli.run(new String[] {"status", "--plan", plan.toString(),
                    "--kubeconfig", mesh.kubeconfig().toString(), "--json", "--watch"}, piped, new PrintWriter(out), new PrintWriter(err), request -> 0));
            List<String> first = awaitLines(out, lines -> lines.size() >= 1);
            JsonObject healthy = JsonParser.parseString(first.get(0)).getAsJsonObject();
            assertEquals(0, healthy.getAsJsonArray("findings").size(), first.get(0));

            mesh.admin("cluster-2").secrets().inNamespace("istio-system").withName(Labels.remoteSecretName("cluster-1")).delete();
            List<String> lines = awaitLines(out, l -> l.stream().anyMatch(line -> line.contains("CM221")));
            JsonObject broken = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
            assertEquals("CM221", broken.getAsJsonArray("findings").get(0).getAsJsonObject().get("code").getAsString());

            stdin.close();
            assertEquals(1, run.get(20, TimeUnit.SECONDS), "the last status printed had an error: " + err);
        } finally {
            stdin.close();
        }
    }

    /** Waits (bounded) until the output's lines satisfy the condition; each line is one JSON document. */
    static List<String> awaitLines(StringWriter out, Predicate<List<String>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<String> lines = out.toString().lines().filter(l -> !l.isBlank()).toList();
            if (condition.test(lines)) {
                return lines;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("output never matched; it is:\n" + out);
            }
            Thread.sleep(20);
        }
    }
}
