package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.kube.LoadBalancerSimulator;

class KubeCommandsTest {
    static String plan(int n) {
        StringBuilder s = new StringBuilder("meshId: mesh1\nclusters:\n");
        for (int i = 1; i <= n; i++) {
            s.append("  - {name: cluster-").append(i).append(", context: demo-cluster-").append(i).append(", network: net-").append(i).append("}\n");
        }
        return s.toString();
    }

    @Test
    void wholeLifecycleThroughTheCommandLine(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.start(2, dir.resolve("kubeconfig"));
             LoadBalancerSimulator lb1 = new LoadBalancerSimulator(demo.server("demo-cluster-1").adminClient(), "10.0.0.1");
             LoadBalancerSimulator lb2 = new LoadBalancerSimulator(demo.server("demo-cluster-2").adminClient(), "10.0.0.2")) {
            Path plan = Files.writeString(dir.resolve("plan.yaml"), plan(2));
            String kc = demo.kubeconfig().toString();
            String[] common = {"--plan", plan.toString(), "--kubeconfig", kc};
            String[] ca = {"--certs", dir.resolve("certs").toString(), "--ca-key-type", "ec-p256"};

            CliRunner.Result contexts = CliRunner.run("contexts", "--kubeconfig", kc);
            System.out.println(contexts.all());
            assertEquals(0, contexts.code());

            CliRunner.Result json = CliRunner.run("contexts", "--kubeconfig", kc, "--json");
            JsonArray rows = JsonParser.parseString(json.out()).getAsJsonArray();
            assertEquals(2, rows.size());
            JsonObject first = rows.get(0).getAsJsonObject();
            assertEquals("demo-cluster-1", first.get("name").getAsString());
            assertTrue(first.get("current").getAsBoolean());
            assertTrue(first.get("demo").getAsBoolean());

            CliRunner.Result preflight = CliRunner.run(concat(new String[] {"preflight"}, common));
            System.out.println(preflight.all());
            assertEquals(0, preflight.code(), preflight.all());

            CliRunner.Result diff = CliRunner.run(concat(new String[] {"diff"}, common, ca));
            System.out.println(diff.all());
            assertEquals(0, diff.code(), diff.all());

            CliRunner.Result noInput = CliRunner.run(concat(new String[] {"apply"}, common, ca));
            assertEquals(2, noInput.code(), noInput.all());
            assertTrue(noInput.err().contains("--yes"), noInput.err());

            CliRunner.Result apply = CliRunner.runWithInput("yes\n", concat(new String[] {"apply", "--wait", "10"}, common, ca));
            System.out.println(apply.all());
            assertEquals(0, apply.code(), apply.all());

            CliRunner.Result again = CliRunner.run(concat(new String[] {"apply", "--wait", "10"}, common, ca));
            System.out.println(again.all());
            assertEquals(0, again.code(), again.all());
            assertTrue(again.out().contains("no changes"), again.out());

            CliRunner.Result uninstall = CliRunner.run(concat(new String[] {"uninstall", "--yes"}, common));
            System.out.println(uninstall.all());
            assertEquals(0, uninstall.code(), uninstall.all());
            assertFalse(uninstall.all().contains("Exception"));
        }
    }

    static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
