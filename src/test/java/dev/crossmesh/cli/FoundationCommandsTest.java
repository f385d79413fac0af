package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.crossmesh.render.KubeYaml;

class FoundationCommandsTest {

    @Test
    void helpListsTheCommands() {
        CliRunner.Result r = CliRunner.run("--help");
        assertEquals(0, r.code());
        for (String command : List.of("validate", "export", "live")) {
            assertTrue(r.out().contains(command), r.out());
        }
    }

    @Test
    void everyCommandExplainsItselfWithHelp() {
        for (String command : List.of("validate", "export", "contexts", "preflight", "diff", "apply", "status", "uninstall", "live", "demo")) {
            CliRunner.Result r = CliRunner.run(command, "--help");
            assertEquals(0, r.code(), command + ": " + r.all());
            assertTrue(r.out().startsWith("Usage: crossmesh " + command + " "), r.out());
            assertTrue(r.err().isEmpty(), r.err());
        }
    }

    @Test
    void unknownCommandOrOptionIsAUsageError() {
        CliRunner.Result unknown = CliRunner.run("frobnicate");
        assertEquals(2, unknown.code());
        assertEquals("crossmesh: 'frobnicate' is not a command or option here\nsee: crossmesh --help\n", unknown.err().replace("\r", ""));
        CliRunner.Result noPlan = CliRunner.run("validate");
        assertEquals(2, noPlan.code(), "--plan is required");
        assertEquals("crossmesh: Missing required option: '--plan=FILE'\nsee: crossmesh validate --help\n", noPlan.err().replace("\r", ""));
    }

    @Test
    void validateExampleIsValid() {
        CliRunner.Result r = CliRunner.run("validate", "--plan", "examples/two-clusters.yaml");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("valid, mesh mesh1 with 2 clusters on 2 network(s)"), r.out());
    }

    @Test
    void validateReportsErrorsWithExitOne(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("p.yaml"), """
                meshId: Mesh1
                clusters:
                  - name: a
                    context: a
                    network: vpc-1
                    netwrk: x
                """);
        CliRunner.Result r = CliRunner.run("validate", "--plan", plan.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("error CM003 clusters[0].netwrk: unknown key 'netwrk' (line 6, column 5); did you mean 'network'?"), r.out());
        assertTrue(r.out().contains("error CM001 meshId"), r.out());
        assertTrue(r.out().contains("error CM006"), r.out());
    }

    @Test
    void validateJsonShape(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("p.yaml"), "meshId: m\nclusters:\n  - {name: a, context: a, network: n}\n  - {name: b, context: b, network: n}\n");
        CliRunner.Result r = CliRunner.run("validate", "--plan", plan.toString(), "--json");
        assertEquals(0, r.code(), r.all());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(json.get("valid").getAsBoolean());
        JsonObject finding = json.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals(Set.of("severity", "code", "path", "cluster", "message"), finding.keySet());
        assertEquals("warning", finding.get("severity").getAsString(), "as status --json writes it");
        assertEquals("CM012", finding.get("code").getAsString());
        assertTrue(finding.get("cluster").isJsonNull(), "a mesh-wide finding has no cluster: " + finding);
    }

    /** An unusable kubeconfig stops every command that needs clusters with exit 2, before any cluster is tried. */
    @Test
    void anUnusableKubeconfigIsExitTwoForEveryClusterCommand(@TempDir Path dir) throws Exception {
        String plan = Path.of("examples/demo-three-clusters.yaml").toString();
        Path garbage = Files.writeString(dir.resolve("garbage"), "\u0000\u0001 not: [yaml");
        Path unreadable = Files.writeString(dir.resolve("unreadable"), "apiVersion: v1\nkind: Config\n");
        Files.setPosixFilePermissions(unreadable, Set.of());
        boolean root = Files.isReadable(unreadable);
        for (String command : List.of("preflight", "status", "diff", "apply", "verify", "uninstall")) {
            for (Path kubeconfig : root ? List.of(garbage) : List.of(garbage, unreadable)) {
                String[] args = {command, "--plan", plan, "--kubeconfig", kubeconfig.toString()};
                CliRunner.Result r = CliRunner.run(List.of("apply", "uninstall").contains(command)
                        ? Stream.concat(Stream.of(args), Stream.of("--yes")).toArray(String[]::new) : args);
                assertEquals(2, r.code(), command + " with " + kubeconfig.getFileName() + ": " + r.all());
                assertTrue(r.err().contains(kubeconfig.toString()), "names the file: " + r.all());
                assertFalse(r.all().contains("Exception") || r.out().contains("not reachable"), r.all());
            }
        }
    }

    @Test
    void unreadableOrBadYamlIsExitTwo(@TempDir Path dir) throws Exception {
        CliRunner.Result missing = CliRunner.run("validate", "--plan", dir.resolve("none.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "meshId: [unclosed\n");
        CliRunner.Result r = CliRunner.run("validate", "--plan", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("line 2"), r.err());
        assertFalse(r.all().contains("Exception"), "no stack trace: " + r.all());
    }

    @Test
    void exportWritesApplyableFilesAndScript(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("export", "--plan", "examples/two-clusters.yaml", "--out", out.toString(),
                "--certs", dir.resolve("certs").toString(), "--ca-key-type", "ec-p256");
        assertEquals(0, r.code(), r.all());
        assertTrue(Files.exists(out.resolve("cluster-1/08-gateway-cross-network-gateway.yaml")));
        assertTrue(Files.exists(out.resolve("cluster-2/01-namespace-istio-system.yaml")));
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && !p.getParent().endsWith("helm")).toList()) {
                List<Map<String, Object>> docs = KubeYaml.loadAll(Files.readString(f));
                assertEquals(1, docs.size(), f.toString());
                @SuppressWarnings("unchecked")
                Map<String, Object> metadata = (Map<String, Object>) docs.get(0).get("metadata");
                assertTrue(docs.get(0).get("apiVersion") != null && docs.get(0).get("kind") != null, f.toString());
                assertEquals("istio-system", metadata.getOrDefault("namespace", "istio-system"), f.toString());
                assertTrue(metadata.get("name") != null, f.toString());
            }
        }
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(out.resolve("cluster-1/02-secret-cacerts.yaml")));
        String script = Files.readString(out.resolve("apply.sh"));
        assertTrue(script.contains("istioctl create-remote-secret --context=gke_sandbox-222222_europe-west1-b_cluster-2 --name=cluster-2 -n istio-system"
                + " | kubectl --context=gke_sandbox-111111_asia-south1-a_cluster-1 apply -n istio-system -f -"), script);
        assertTrue(script.contains("--name=cluster-1 -n istio-system | kubectl --context=gke_sandbox-222222_europe-west1-b_cluster-2"), script);
        assertTrue(script.indexOf("01-namespace") < script.indexOf("08-gateway"), "apply order");
        assertFalse(script.contains("token"), "no tokens in the export");
        Process bash = new ProcessBuilder("bash", "-n", out.resolve("apply.sh").toString()).redirectErrorStream(true).start();
        assertEquals(0, bash.waitFor(), new String(bash.getInputStream().readAllBytes()));
    }

    @Test
    void exportOfOldIstioUsesTheExperimentalCommand(@TempDir Path dir) throws Exception {
        String plan = Files.readString(Path.of("examples/two-clusters.yaml")).replace("\"1.30.3\"", "\"1.11.2\"");
        Path file = Files.writeString(dir.resolve("old.yaml"), plan);
        CliRunner.Result r = CliRunner.run("export", "--plan", file.toString(), "--out", dir.resolve("o").toString(),
                "--certs", dir.resolve("c").toString(), "--ca-key-type", "ec-p256");
        assertEquals(0, r.code(), r.all());
        assertTrue(Files.readString(dir.resolve("o/apply.sh")).contains("istioctl x create-remote-secret"));
    }

    @Test
    void exportRefusesAnInvalidPlanAndWritesNothing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("p.yaml"), "meshId: m\nclusters: []\n");
        CliRunner.Result r = CliRunner.run("export", "--plan", file.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.code(), r.all());
        assertFalse(Files.exists(dir.resolve("o")));
        assertTrue(r.err().contains("CM006"), r.err());
    }

    @Test
    void badKeyTypeIsAUsageError(@TempDir Path dir) {
        CliRunner.Result r = CliRunner.run("export", "--plan", "examples/two-clusters.yaml", "--out", dir.toString(), "--ca-key-type", "dsa");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("rsa-4096 | rsa-2048 | ec-p256"), r.err());
    }
}
