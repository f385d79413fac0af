package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.kube.LoadBalancerSimulator;
import io.fabric8.kubernetes.api.model.StatusBuilder;

class KubeCommandsTest {
    static String plan(int n, String contextOfLast) {
        StringBuilder s = new StringBuilder("meshId: mesh1\nclusters:\n");
        for (int i = 1; i <= n; i++) {
            String context = i == n && contextOfLast != null ? contextOfLast : "demo-cluster-" + i;
            s.append("  - {name: cluster-").append(i).append(", context: ").append(context).append(", network: net-").append(i).append("}\n");
        }
        return s.toString();
    }

    static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }

    /** Two demo clusters with load balancers, a plan over them and the options every command needs. */
    record Setup(DemoClusters demo, Path plan, String[] common, String[] ca, List<AutoCloseable> closeables) implements AutoCloseable {
        static Setup start(Path dir, String contextOfLast) throws Exception {
            DemoClusters demo = DemoClusters.builder().clusters(2).kubeconfig(dir.resolve("kubeconfig")).withoutSimulation().start();
            List<AutoCloseable> closeables = new ArrayList<>();
            closeables.add(new LoadBalancerSimulator(demo.server("demo-cluster-1").adminClient(), "10.0.0.1"));
            closeables.add(new LoadBalancerSimulator(demo.server("demo-cluster-2").adminClient(), "10.0.0.2"));
            closeables.add(demo);
            Path plan = Files.writeString(dir.resolve("plan.yaml"), KubeCommandsTest.plan(2, contextOfLast));
            return new Setup(demo, plan, new String[] {"--plan", plan.toString(), "--kubeconfig", demo.kubeconfig().toString()},
                    new String[] {"--certs", dir.resolve("certs").toString(), "--ca-key-type", "ec-p256"}, closeables);
        }

        CliRunner.Result run(String command, String... more) {
            String[] options = switch (command) {
                case "uninstall" -> new String[0];
                case "preflight" -> Arrays.copyOf(ca, 2); // the CA folder (--certs), to compare the clusters' cacerts with
                default -> ca;
            };
            return CliRunner.run(concat(new String[] {command}, more, common, options));
        }

        /** Every token and private key the clusters hold: none may appear in any output. */
        List<String> secrets() {
            List<String> values = new ArrayList<>();
            for (var server : demo.servers()) {
                server.adminClient().secrets().inAnyNamespace().list().getItems().forEach(s -> {
                    if (s.getData() != null) {
                        s.getData().forEach((k, v) -> {
                            if (k.equals("token") || k.equals("ca-key.pem")) {
                                values.add(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8).trim());
                            }
                        });
                    }
                });
            }
            return values;
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable c : closeables) {
                c.close();
            }
        }
    }

    @Test
    void wholeLifecycleThroughTheCommandLine(@TempDir Path dir) throws Exception {
        try (Setup s = Setup.start(dir, null)) {
            String kc = s.demo().kubeconfig().toString();
            List<CliRunner.Result> outputs = new ArrayList<>();

            CliRunner.Result contexts = CliRunner.run("contexts", "--kubeconfig", kc);
            assertEquals(0, contexts.code());
            assertTrue(contexts.out().startsWith("CURRENT   NAME             SERVER"), contexts.out());
            assertTrue(contexts.out().contains("*         demo-cluster-1   " + s.demo().server("demo-cluster-1").url()), contexts.out());
            JsonArray rows = JsonParser.parseString(CliRunner.run("contexts", "--kubeconfig", kc, "--json").out()).getAsJsonArray();
            assertEquals(2, rows.size());
            JsonObject first = rows.get(0).getAsJsonObject();
            assertEquals(List.of("name", "server", "user", "namespace", "current", "demo"), List.copyOf(first.keySet()));
            assertEquals("demo-cluster-1", first.get("name").getAsString());
            assertEquals(s.demo().server("demo-cluster-1").url(), first.get("server").getAsString());
            assertTrue(first.get("current").getAsBoolean() && first.get("demo").getAsBoolean());
            assertFalse(rows.get(1).getAsJsonObject().get("current").getAsBoolean());

            CliRunner.Result preflight = s.run("preflight");
            outputs.add(preflight);
            assertEquals(0, preflight.code(), preflight.all());
            assertTrue(preflight.out().contains("reachable, Kubernetes v1.30.4"), preflight.out());
            assertTrue(preflight.out().contains("0 error(s), 0 warning(s)"), preflight.out());

            CliRunner.Result diff = s.run("diff");
            outputs.add(diff);
            assertEquals(0, diff.code(), diff.all());
            assertTrue(diff.out().contains("  + create     Secret istio-system/istio-remote-secret-cluster-2"), diff.out());
            assertTrue(diff.out().contains("diff: 24 to create, 0 to update, 0 unchanged"), diff.out());
            assertTrue(diff.out().contains("cluster-1 (context demo-cluster-1, " + s.demo().server("demo-cluster-1").url() + ", demo cluster)"), diff.out());

            CliRunner.Result noInput = s.run("apply");
            assertEquals(2, noInput.code(), noInput.all());
            assertTrue(noInput.err().contains("nothing was applied; run with --yes"), noInput.err());
            CliRunner.Result declined = CliRunner.runWithInput("no\n", concat(new String[] {"apply"}, s.common(), s.ca()));
            assertEquals(1, declined.code());
            assertTrue(declined.out().contains("apply: cancelled, nothing was applied"), declined.out());
            assertNull(s.demo().server("demo-cluster-1").adminClient().namespaces().withName("istio-system").get());

            CliRunner.Result dry = s.run("apply", "--dry-run");
            outputs.add(dry);
            assertEquals(0, dry.code(), dry.all());
            assertTrue(dry.out().contains("apply --dry-run: 24 would be applied"), dry.out());
            assertNull(s.demo().server("demo-cluster-1").adminClient().namespaces().withName("istio-system").get());

            CliRunner.Result apply = CliRunner.runWithInput("yes\n", concat(new String[] {"apply", "--wait", "10"}, s.common(), s.ca()));
            outputs.add(apply);
            assertEquals(0, apply.code(), apply.all());
            assertTrue(apply.err().contains("Type 'yes' to apply"), apply.err());
            assertTrue(apply.out().contains("[cluster-1] Secret istio-system/istio-remote-secret-cluster-2: created"), apply.out());
            assertTrue(apply.out().contains("east-west gateway addresses: cluster-1=10.0.0.1 cluster-2=10.0.0.2"), apply.out());
            assertTrue(apply.out().contains("apply: 24 applied, 0 unchanged"), apply.out());

            CliRunner.Result again = s.run("apply", "--wait", "10");
            outputs.add(again);
            assertEquals(0, again.code(), again.all());
            assertTrue(again.out().contains("apply: no changes, every object already matches the plan (0 applied, 24 unchanged)"), again.out());
            assertFalse(again.err().contains("Type 'yes'"), "nothing to confirm when nothing changes");

            CliRunner.Result uninstall = s.run("uninstall", "--yes");
            outputs.add(uninstall);
            assertEquals(0, uninstall.code(), uninstall.all());
            assertTrue(uninstall.out().contains("~ namespace Namespace istio-system: crossmesh created it and nothing else lives in it: deleted"), uninstall.out());
            assertTrue(uninstall.out().contains("uninstall: 24 removed, 0 kept"), uninstall.out());
            assertNull(s.demo().server("demo-cluster-2").adminClient().namespaces().withName("istio-system").get());
            CliRunner.Result nothing = s.run("uninstall");
            assertEquals(0, nothing.code());
            assertTrue(nothing.out().contains("uninstall: nothing of mesh mesh1 to remove"), nothing.out());

            for (CliRunner.Result r : outputs) {
                assertFalse(r.all().contains("Exception"), r.all());
            }
        }
    }

    @Test
    void uninstallSaysTheOperatorTakesTheControlPlaneItInstalled(@TempDir Path dir) throws Exception {
        // demo clusters with their simulated control plane: the IstioOperator crossmesh applies gets an istiod
        try (DemoClusters demo = DemoClusters.builder().clusters(2).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            Path plan = Files.writeString(dir.resolve("plan.yaml"), plan(2, null));
            String[] common = {"--plan", plan.toString(), "--kubeconfig", demo.kubeconfig().toString()};
            CliRunner.Result apply = CliRunner.run(concat(new String[] {"apply", "--yes", "--certs", dir.resolve("certs").toString(),
                    "--ca-key-type", "ec-p256"}, common));
            assertEquals(0, apply.code(), apply.all());
            for (long deadline = System.nanoTime() + 20_000_000_000L; demo.server("demo-cluster-1").adminClient().apps().deployments()
                    .inNamespace("istio-system").withName("istiod").get() == null; Thread.sleep(100)) {
                assertTrue(System.nanoTime() < deadline, "the simulated operator made no istiod");
            }

            CliRunner.Result preview = CliRunner.run(concat(new String[] {"uninstall"}, common));
            assertTrue(preview.out().contains("- delete    IstioOperator istio-system/crossmesh-control-plane: the Istio operator then removes the control"
                    + " plane it installed (istiod)"), preview.out());
            assertFalse(preview.out().contains("= keep      Deployment istio-system/istiod"), "not kept: the operator removes it\n" + preview.out());
            assertTrue(preview.out().contains("nothing else will live in it once the Istio operator has removed the control plane: deleted then"),
                    preview.out());

            CliRunner.Result uninstall = CliRunner.run(concat(new String[] {"uninstall", "--yes"}, common));
            assertEquals(0, uninstall.code(), uninstall.all());
            assertTrue(uninstall.out().contains(" removed, 0 kept"), uninstall.out());
        }
    }

    @Test
    void tokensAndKeysNeverReachTheOutputEvenWhenAServerEchoesThem(@TempDir Path dir) throws Exception {
        try (Setup s = Setup.start(dir, null)) {
            List<CliRunner.Result> outputs = new ArrayList<>();
            outputs.add(s.run("apply", "--yes", "--wait", "10"));
            assertEquals(0, outputs.get(0).code(), outputs.get(0).all());
            List<String> secrets = s.secrets();
            assertEquals(4, secrets.size(), "two reader tokens and two intermediate keys");

            // a remote secret gone, and a server that answers the rewrite with the secret's content in its error
            var one = s.demo().server("demo-cluster-1");
            one.adminClient().secrets().inNamespace("istio-system").withName("istio-remote-secret-cluster-2").delete();
            String keyLines = secrets.stream().filter(v -> v.contains("PRIVATE KEY")).findFirst().orElseThrow().lines()
                    .filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
            String tokens = String.join(" ", secrets.stream().filter(v -> !v.contains("PRIVATE KEY")).toList());
            String echoed = "Secret \"istio-remote-secret-cluster-2\" is invalid: key " + keyLines + " token: " + tokens;
            one.mockServer().expect().post().withPath("/api/v1/namespaces/istio-system/secrets")
                    .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid").withMessage(echoed).build()).once();
            one.adminClient().services().inNamespace("istio-system").withName("istio-eastwestgateway").edit(svc -> {
                svc.getSpec().setType("NodePort");
                return svc;
            });
            CliRunner.Result failed = s.run("apply", "--yes", "--wait", "10");
            outputs.add(failed);
            assertEquals(1, failed.code(), failed.all());
            assertTrue(failed.out().contains("cluster cluster-1 rejected Secret istio-system/istio-remote-secret-cluster-2 as invalid (HTTP 422"), failed.out());
            assertTrue(failed.out().contains("<hidden>"), failed.out());
            outputs.add(s.run("diff"));
            outputs.add(s.run("apply", "--dry-run"));
            outputs.add(s.run("preflight"));
            outputs.add(s.run("uninstall", "--yes"));
            for (CliRunner.Result r : outputs) {
                for (String secret : secrets) {
                    assertFalse(r.all().contains(secret), "a secret value in: " + r.all());
                }
            }
        }
    }

    @Test
    void anUnknownContextStopsBeforeAnyClusterIsTouched(@TempDir Path dir) throws Exception {
        try (Setup s = Setup.start(dir, "demo-cluster-7")) {
            for (String command : List.of("diff", "apply", "uninstall")) {
                CliRunner.Result r = s.run(command, "--yes");
                if (command.equals("diff")) {
                    r = s.run(command);
                }
                assertEquals(2, r.code(), command + ": " + r.all());
                assertTrue(r.err().contains("cluster cluster-2: context 'demo-cluster-7' is not in kubeconfig"), r.err());
            }
            assertNull(s.demo().server("demo-cluster-1").adminClient().namespaces().withName("istio-system").get());
            CliRunner.Result preflight = s.run("preflight");
            assertEquals(1, preflight.code(), preflight.all());
            assertTrue(preflight.out().contains("error CM100 [cluster-2] clusters[1].context: cluster cluster-2: context 'demo-cluster-7'"), preflight.out());
        }
    }

    @Test
    void badArgumentsAreUsageErrors(@TempDir Path dir) throws Exception {
        try (Setup s = Setup.start(dir, null)) {
            CliRunner.Result mode = s.run("apply", "--control-plane", "kustomize");
            assertEquals(2, mode.code());
            assertTrue(mode.err().contains("--control-plane 'kustomize' is not known; use one of: auto | istioctl | operator | helm | skip"), mode.err());
            CliRunner.Result missing = CliRunner.run("contexts", "--kubeconfig", dir.resolve("none").toString());
            assertEquals(2, missing.code());
            assertTrue(missing.err().contains("does not exist"), missing.err());
            CliRunner.Result help = CliRunner.run("--help");
            for (String command : List.of("contexts", "preflight", "diff", "apply", "uninstall")) {
                assertTrue(help.out().contains(command), help.out());
            }
        }
    }

    @Test
    void contextsSaysWhenKubeconfigPointsAtNoFile(@TempDir Path dir) throws Exception {
        // KUBECONFIG comes from the environment: only a process of its own can be given one
        Path missing = dir.resolve("nowhere").resolve("kubeconfig");
        LauncherProcess.Result r = LauncherProcess.run(Map.of("KUBECONFIG", missing.toString()), "contexts");
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("no contexts: kubeconfig " + missing + " does not exist; point at a kubeconfig with --kubeconfig FILE"), r.output());
    }

    @Test
    void aFailedApplyExitsOneAndSaysHowToFinish(@TempDir Path dir) throws Exception {
        try (Setup s = Setup.start(dir, null)) {
            s.demo().server("demo-cluster-2").mockServer().expect().post().withPath("/api/v1/namespaces/istio-system/services")
                    .andReturn(500, new StatusBuilder().withCode(500).withMessage("etcd leader changed").build()).times(2);
            CliRunner.Result r = s.run("apply", "--yes", "--wait", "10");
            assertEquals(1, r.code(), r.all());
            assertTrue(r.out().contains("[cluster-2] Service istio-system/istio-eastwestgateway: FAILED: cluster cluster-2's API server failed"), r.out());
            assertTrue(r.out().contains("cluster-2: 1 failed or refused, 7 not attempted"), r.out());
            assertTrue(r.out().contains("What was applied stays. Fix the problems above and run `crossmesh apply --plan"), r.out());
            CliRunner.Result rerun = s.run("apply", "--yes", "--wait", "10");
            assertEquals(0, rerun.code(), rerun.all());
        }
    }
}
