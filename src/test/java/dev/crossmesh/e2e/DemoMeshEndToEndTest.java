package dev.crossmesh.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.crossmesh.cli.CliRunner;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.DemoFaults;
import dev.crossmesh.demo.OfflineFault;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.status.StatusCodes;

/**
 * The story a new user lives, through the commands they type: demo clusters, apply a plan, and the status shows a
 * healthy cross-network mesh; then each failure a trainer can switch on shows up as its finding.
 */
class DemoMeshEndToEndTest {
    static final String PLAN = "examples/demo-three-clusters.yaml";

    @Test
    void threeClustersOnTwoNetworksComeUpHealthy(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = start(dir, DemoFaults.none())) {
            CliRunner.Result apply = CliRunner.run(with(demo, dir, "apply", "--plan", PLAN, "--yes"));
            assertEquals(0, apply.code(), apply.all());

            JsonObject status = awaitStatus(demo, s -> errors(s).isEmpty() && allGatewaysReady(s));
            List<String> names = List.of("eu-west", "us-east", "asia-south");
            Set<String> addresses = new HashSet<>();
            Set<String> roots = new HashSet<>();
            for (JsonElement e : status.getAsJsonArray("clusters")) {
                JsonObject c = e.getAsJsonObject();
                assertEquals("synced", c.get("state").getAsString(), c.toString());
                JsonObject gateway = c.getAsJsonObject("gateway");
                assertTrue(gateway.get("address").getAsString().startsWith("127."), c.toString());
                addresses.add(gateway.get("address").getAsString() + gateway.get("probe").getAsString());
                assertEquals("ready", gateway.get("probe").getAsString(), c.toString());
                Set<String> expected = new HashSet<>(names);
                expected.remove(c.get("name").getAsString());
                assertEquals(expected, strings(c.getAsJsonArray("remoteSecrets")), "full remote-secret matrix: " + c);
                assertEquals(1, c.getAsJsonObject("istiod").get("ready").getAsInt(), c.toString());
                roots.add(c.get("rootCertSha256").getAsString());
            }
            assertEquals(3, addresses.size(), "every gateway has its own address");
            assertEquals(1, roots.size(), "one root of trust across the mesh");
            assertEquals("demo-mesh", status.get("meshId").getAsString());

            CliRunner.Result again = CliRunner.run(with(demo, dir, "apply", "--plan", PLAN, "--yes"));
            assertEquals(0, again.code(), again.all());
            assertTrue(again.all().toLowerCase().contains("unchanged"), again.all());
        }
    }

    @Test
    void noLoadBalancerShowsAGatewayWithoutAddress(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = start(dir, DemoFaults.none().withNoLoadBalancer("demo-cluster-3"))) {
            CliRunner.run(with(demo, dir, "apply", "--plan", PLAN, "--yes", "--wait", "1"));
            JsonObject status = awaitStatus(demo, s -> codes(s).contains(StatusCodes.GATEWAY_NO_ADDRESS));
            assertTrue(findings(status).stream().anyMatch(f -> f.get("code").getAsString().equals(StatusCodes.GATEWAY_NO_ADDRESS)
                    && f.get("cluster").getAsString().equals("asia-south")), status.toString());
        }
    }

    @Test
    void brokenRootCaShowsDifferentRoots(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = start(dir, DemoFaults.none().withBrokenRootCa("demo-cluster-2"))) {
            assertEquals(0, CliRunner.run(with(demo, dir, "apply", "--plan", PLAN, "--yes")).code());
            JsonObject status = awaitStatus(demo, s -> codes(s).contains(StatusCodes.ROOT_CERTS_DIFFER));
            assertNotNull(status);
        }
    }

    @Test
    void anOfflineClusterIsShownOfflineAndComesBack(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = start(dir, DemoFaults.none())) {
            assertEquals(0, CliRunner.run(with(demo, dir, "apply", "--plan", PLAN, "--yes")).code());
            awaitStatus(demo, s -> errors(s).isEmpty());
            demo.server("demo-cluster-2").stop();
            JsonObject offline = awaitStatus(demo, s -> codes(s).contains(StatusCodes.CLUSTER_OFFLINE));
            assertTrue(offline.toString().contains("us-east"), offline.toString());
            demo.server("demo-cluster-2").start();
            awaitStatus(demo, s -> errors(s).isEmpty());
        }
    }

    @Test
    void offlineFaultOptionStopsTheClusterOnItsOwn(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = start(dir, DemoFaults.none().withOffline(OfflineFault.parse("3@0.2", 3)))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (demo.server("demo-cluster-3").isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(demo.server("demo-cluster-3").isRunning(), "--offline 3@0.2 stops demo-cluster-3");
            CliRunner.Result status = CliRunner.run(with(demo, dir, "status", "--plan", PLAN, "--json", "--wait", "2"));
            assertEquals(1, status.code(), status.all());
            assertTrue(codes(JsonParser.parseString(status.out()).getAsJsonObject()).contains(StatusCodes.CLUSTER_OFFLINE), status.out());
        }
    }

    // --- helpers ---

    static DemoClusters start(Path dir, DemoFaults faults) throws Exception {
        return DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("kubeconfig"))
                .simulation(SimulationOptions.fast()).faults(faults).start();
    }

    static String[] with(DemoClusters demo, Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", demo.kubeconfig().toString()));
        if (args[0].equals("apply")) {
            all.addAll(List.of("--certs", dir.resolve("certs").toString(), "--ca-key-type", "ec-p256"));
        }
        return all.toArray(String[]::new);
    }

    /** Runs `crossmesh status --json` until the condition holds (bounded): the mesh settles over a few seconds. */
    static JsonObject awaitStatus(DemoClusters demo, Predicate<JsonObject> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            CliRunner.Result r = CliRunner.run("status", "--plan", PLAN, "--json", "--wait", "5", "--kubeconfig", demo.kubeconfig().toString());
            if (!r.out().isBlank()) {
                last = JsonParser.parseString(r.out()).getAsJsonObject();
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("status never reached the expected state; last: " + last);
    }

    static List<JsonObject> findings(JsonObject status) {
        List<JsonObject> list = new ArrayList<>();
        status.getAsJsonArray("findings").forEach(f -> list.add(f.getAsJsonObject()));
        return list;
    }

    static List<JsonObject> errors(JsonObject status) {
        return findings(status).stream().filter(f -> f.get("severity").getAsString().equals("error")).toList();
    }

    static Set<String> codes(JsonObject status) {
        Set<String> codes = new HashSet<>();
        findings(status).forEach(f -> codes.add(f.get("code").getAsString()));
        return codes;
    }

    static boolean allGatewaysReady(JsonObject status) {
        for (JsonElement e : status.getAsJsonArray("clusters")) {
            JsonElement probe = e.getAsJsonObject().getAsJsonObject("gateway").get("probe");
            if (probe == null || probe.isJsonNull() || !probe.getAsString().equals("ready")) {
                return false;
            }
        }
        return true;
    }

    static Set<String> strings(JsonArray array) {
        Set<String> set = new HashSet<>();
        array.forEach(e -> set.add(e.getAsString()));
        return set;
    }
}
