package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.GuiRequest;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.kube.KubeContext;
import dev.crossmesh.kube.Kubeconfigs;

/** `crossmesh demo` run in-process, as a script would run it. */
class DemoCommandTest {

    @Test
    void headlessDemoPrintsOneLinePerClusterThenReadyAndStopsWhenItsInputCloses(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("demo").resolve("kubeconfig");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PipedOutputStream input = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(input);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Cli.run(
                new String[] {"demo", "--headless", "--clusters", "3", "--kubeconfig", kubeconfig.toString(), "--delay", "0.05"},
                stdin, new PrintWriter(out), new PrintWriter(err), request -> {
                    throw new AssertionError("--headless must not open the GUI");
                }));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.toString().contains("ready\n") && !run.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(run.isDone(), "the demo runs until its input closes; out: " + out + " err: " + err);
        List<String> lines = out.toString().lines().toList();
        assertEquals(4, lines.size(), out.toString());
        assertEquals("ready", lines.get(3));
        List<KubeContext> contexts = Kubeconfigs.of(List.of(kubeconfig)).contexts();
        for (int i = 1; i <= 3; i++) {
            String line = lines.get(i - 1);
            String name = "demo-cluster-" + i;
            assertTrue(line.startsWith(name + "  https://127.0.0.1:"), line);
            assertTrue(line.contains("region=" + List.of("europe-west1", "us-east1", "asia-south1").get(i - 1)), line);
            assertTrue(line.matches(".*gateway=127\\.0\\.0\\.\\d+.*"), line);
            KubeContext context = contexts.get(i - 1);
            assertEquals(name, context.name());
            assertTrue(context.demo());
            assertTrue(line.contains(context.server()), "the line shows the API server of the kubeconfig: " + line);
        }
        assertTrue(err.toString().contains("export KUBECONFIG=" + kubeconfig.toAbsolutePath()), err.toString());
        URI firstServer = URI.create(contexts.get(0).server());
        assertTrue(answers(firstServer), "the API servers run while the demo does");

        input.close();
        assertEquals(ExitCodes.OK, run.get(30, TimeUnit.SECONDS));
        assertFalse(answers(firstServer), "stopped when its input closed");
        assertFalse(Files.exists(kubeconfig), "its kubeconfig, pointing at stopped servers, is taken back");
        assertTrue(err.toString().contains("demo clusters stopped"), err.toString());
    }

    @Test
    void withoutHeadlessTheWizardOpensOnTheDemoKubeconfigAndClosingItStopsTheClusters(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        AtomicReference<GuiRequest> opened = new AtomicReference<>();
        AtomicReference<List<KubeContext>> seen = new AtomicReference<>();
        StringWriter out = new StringWriter();
        int code = Cli.run(new String[] {"demo", "--kubeconfig", kubeconfig.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out), new PrintWriter(new StringWriter()), request -> {
                    opened.set(request);
                    try {
                        seen.set(Kubeconfigs.of(List.of(request.kubeconfig())).contexts());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    assertTrue(out.toString().endsWith("ready\n"), "the wizard opens after 'ready'");
                    return 0;
                });
        assertEquals(0, code);
        assertNotNull(opened.get());
        assertEquals(new GuiRequest(null, false, kubeconfig.toAbsolutePath()), opened.get());
        assertEquals(List.of("demo-cluster-1", "demo-cluster-2"), seen.get().stream().map(KubeContext::name).toList());
        assertFalse(answers(URI.create(seen.get().get(0).server())), "closing the window stopped the clusters");
    }

    @Test
    void faultsShowOnTheClusterLines(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"demo", "--headless", "--clusters", "3", "--kubeconfig", dir.resolve("k").toString(),
                "--no-load-balancer=2", "--break-root-ca", "--offline", "1@600+30"},
                new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err), r -> 1);
        assertEquals(0, code, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).endsWith("(offline at 600 s, back at 630 s)"), lines.get(0));
        assertTrue(lines.get(1).contains("gateway=pending") && lines.get(1).endsWith("(no load balancer)"), lines.get(1));
        assertTrue(lines.get(2).endsWith("(root CA broken)"), lines.get(2));
    }

    @Test
    void badArgumentsAreExitTwoWithAMessageThatSaysWhatToDo(@TempDir Path dir) throws Exception {
        String k = dir.resolve("k").toString();
        assertUsage("--clusters 1: a demo mesh has 2 to " + DemoClusters.MAX_CLUSTERS + " clusters", "demo", "--headless", "--clusters", "1", "--kubeconfig", k);
        String tooMany = String.valueOf(DemoClusters.MAX_CLUSTERS + 1);
        assertUsage("--clusters " + tooMany, "demo", "--headless", "--clusters", tooMany, "--kubeconfig", k);
        assertUsage("the demo never writes it", "demo", "--headless", "--kubeconfig",
                Path.of(System.getProperty("user.home"), ".kube", "config").toString());
        assertUsage("expected CLUSTER@SECONDS[+SECONDS]", "demo", "--headless", "--kubeconfig", k, "--offline", "2-30");
        assertUsage("there is no demo cluster 'demo-cluster-5'", "demo", "--headless", "--kubeconfig", k, "--no-load-balancer=demo-cluster-5");
        assertUsage("--delay -1", "demo", "--headless", "--kubeconfig", k, "--delay", "-1");
        assertUsage("crossmesh: Invalid value for option '--delay': 'abc' is not a number", "demo", "--headless", "--kubeconfig", k, "--delay", "abc");
        Path foreign = dir.resolve("config");
        Files.writeString(foreign, "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
        assertUsage("not a crossmesh demo kubeconfig", "demo", "--headless", "--kubeconfig", foreign.toString());
    }

    @Test
    void aSecondDemoOnTheSameKubeconfigIsRefusedWhileTheFirstRuns(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        try (var first = dev.crossmesh.demo.DemoClusters.builder().clusters(2).kubeconfig(kubeconfig).withoutSimulation().start()) {
            CliRunner.Result second = runQuietly("demo", "--headless", "--kubeconfig", kubeconfig.toString());
            assertEquals(ExitCodes.USAGE, second.code());
            assertTrue(second.err().contains("another crossmesh demo is running with " + kubeconfig), second.err());
        }
    }

    @Test
    void theDemoPlanIsValidAndMatchesTheDemoClusters() throws Exception {
        CliRunner.Result result = CliRunner.run("validate", "--plan", "examples/demo-three-clusters.yaml");
        assertEquals(ExitCodes.OK, result.code(), result.all());
        assertTrue(result.out().contains("valid, mesh demo-mesh with 3 clusters on 2 network(s)"), result.out());
        var plan = dev.crossmesh.plan.PlanReader.read(Path.of("examples/demo-three-clusters.yaml")).plan();
        for (int i = 1; i <= 3; i++) {
            var cluster = plan.clusters().get(i - 1);
            assertEquals("demo-cluster-" + i, cluster.context());
            assertEquals(dev.crossmesh.demo.DemoRegions.region(i), cluster.region(), "the plan's region is the demo nodes' region");
        }
    }

    private static void assertUsage(String expected, String... args) {
        CliRunner.Result result = runQuietly(args);
        assertEquals(ExitCodes.USAGE, result.code(), result.all());
        assertTrue(result.err().contains(expected), "expected '" + expected + "' in: " + result.err());
        assertFalse(result.err().contains("Exception"), "no stack trace or exception name: " + result.err());
    }

    private static CliRunner.Result runQuietly(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err), r -> {
            throw new AssertionError("no GUI");
        });
        return new CliRunner.Result(code, out.toString(), err.toString());
    }

    private static boolean answers(URI server) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.getHost(), server.getPort()), 500);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
