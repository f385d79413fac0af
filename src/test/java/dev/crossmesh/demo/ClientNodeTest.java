package dev.crossmesh.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.Gson;

/**
 * The official JavaScript client, {@code @kubernetes/client-node}, drives a demo cluster as it drives a real one: it
 * refuses any answer without a Content-Type, lists, reads, creates, gets a 404 for what is missing, and watches over
 * chunked HTTP. The package is installed with npm into target/client-node (or taken from {@code -Dclient-node.dir});
 * the test is skipped, saying why, where node or npm or the registry is not there.
 */
class ClientNodeTest {
    static final String VERSION = "1.4.0";

    @Test
    void listsReadsCreatesAndWatches(@TempDir Path dir) throws Exception {
        Path client = installed();
        Path script = client.resolve("probe.mjs");
        try (var in = ClientNodeTest.class.getResourceAsStream("/client-node/probe.mjs")) {
            Files.write(script, in.readAllBytes());
        }
        try (DemoClusters demo = DemoClusters.builder().clusters(1).kubeconfig(dir.resolve("k")).withoutSimulation().start()) {
            Run run = run(client, List.of("node", script.toString(), demo.kubeconfig().toString(), "demo-cluster-1"), 60);
            assertEquals(0, run.exit, run.toString());
            String last = run.out.strip().lines().reduce((a, b) -> b).orElse("");
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = new Gson().fromJson(last, Map.class);
            assertTrue(((List<?>) seen.get("namespaces")).containsAll(List.of("default", "kube-system")), last);
            assertEquals(List.of("demo-cluster-1-node-1", "demo-cluster-1-node-2"), seen.get("nodes"), last);
            assertEquals(Map.of("a", "b"), seen.get("configMap"), last);
            assertEquals(404.0, seen.get("missing"), last);
            assertTrue(((List<?>) seen.get("watched")).contains("ADDED watched"), last);
        }
    }

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** The folder whose node_modules holds the client, installing it there on first use. */
    private static Path installed() throws Exception {
        String given = System.getProperty("client-node.dir");
        Path folder = Path.of(given != null ? given : "target/client-node").toAbsolutePath();
        if (Files.isDirectory(folder.resolve("node_modules/@kubernetes/client-node"))) {
            return folder;
        }
        Assumptions.assumeTrue(onPath("node") && onPath("npm"), "node and npm are not installed here: @kubernetes/client-node is not tried");
        Files.createDirectories(folder);
        Run install = run(folder, List.of("npm", "install", "--prefix", folder.toString(), "--no-audit", "--no-fund",
                "--loglevel=error", "@kubernetes/client-node@" + VERSION), 300);
        Assumptions.assumeTrue(install.exit == 0, "npm could not install @kubernetes/client-node@" + VERSION
                + " (no registry here?): " + install.err.lines().limit(5).toList());
        return folder;
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    private static Run run(Path cwd, List<String> command, int seconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("client-node", ".out");
        Path err = Files.createTempFile("client-node", ".err");
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s: "
                    + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
