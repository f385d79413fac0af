package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Clusters whose kubeconfig user logs in with an exec plugin that fails or hangs, through the commands. The demo API
 * servers ask for no credentials at all, so a command that went on without them would find the cluster fine.
 */
class LoginPluginCommandsTest {
    static final String TOKEN = "tok-SECRET-91c3e0aa57";

    /** Gives demo-cluster-2's user the plugin {@code script} (a bash body) in place of its token. */
    @SuppressWarnings("unchecked")
    static void loginWith(Path kubeconfig, Path dir, String command, String script) throws Exception {
        if (script != null) {
            Path plugin = dir.resolve(command);
            Files.writeString(plugin, "#!/bin/bash\n" + script);
            Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
            command = plugin.toString();
        }
        Map<String, Object> config = new Yaml().load(Files.readString(kubeconfig));
        for (Map<String, Object> user : (List<Map<String, Object>>) config.get("users")) {
            if (user.get("name").equals("demo-cluster-2-admin")) {
                user.put("user", Map.of("exec", Map.of("apiVersion", "client.authentication.k8s.io/v1beta1", "command", command,
                        "interactiveMode", "IfAvailable", "provideClusterInfo", true)));
            }
        }
        Files.writeString(kubeconfig, new Yaml().dump(config));
    }

    static final String FAILING = """
            echo '%s'
            echo 'W1207 12:00:00 cache.go:42] credentials cache is stale' >&2
            echo 'ERROR: (gcloud.auth) You do not currently have an active account selected.' >&2
            echo 'Please run: gcloud auth login' >&2
            exit 1
            """.formatted(TOKEN);

    static void assertNothingRaw(String output) {
        assertFalse(output.contains(TOKEN) || output.contains("91c3e0"), "the plugin's stdout is never shown:\n" + output);
        assertFalse(output.contains("WARN") || output.contains("\tat ") || output.contains("Exception"), "no library log or stack trace:\n" + output);
    }

    @Test
    void aFailingPluginStopsEveryCommandForItsClusterNamingTheCommandExitCodeAndStderr(@TempDir Path dir) throws Exception {
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            Path kubeconfig = s.demo().kubeconfig();
            loginWith(kubeconfig, dir, "fake-auth-plugin", FAILING);
            String expected = "context demo-cluster-2: the login plugin `" + dir.resolve("fake-auth-plugin") + "` failed with exit code 1:"
                    + " W1207 12:00:00 cache.go:42] credentials cache is stale | ERROR: (gcloud.auth) You do not currently have an active"
                    + " account selected. | Please run: gcloud auth login";

            CliRunner.Result preflight = s.run("preflight");
            assertEquals(ExitCodes.FINDINGS, preflight.code(), preflight.all());
            assertTrue(preflight.all().contains("error CM102"), preflight.all());
            assertTrue(preflight.all().contains(expected), preflight.all());
            assertNothingRaw(preflight.all());

            CliRunner.Result apply = s.run("apply", "--yes");
            assertEquals(ExitCodes.FINDINGS, apply.code(), apply.all());
            assertTrue(apply.all().contains(expected), apply.all());
            assertNothingRaw(apply.all());
            assertNull(s.demo().server("demo-cluster-2").adminClient().namespaces().withName("istio-system").get(), "nothing applied there");
            assertNull(s.demo().server("demo-cluster-1").adminClient().namespaces().withName("istio-system").get(), "nor anywhere");

            CliRunner.Result status = CliRunner.run(KubeCommandsTest.concat(new String[] {"status", "--wait", "3"}, s.common()));
            assertEquals(ExitCodes.FINDINGS, status.code(), status.all());
            assertTrue(status.all().contains("the login plugin `" + dir.resolve("fake-auth-plugin") + "` failed with exit code 1"), status.all());
            assertNothingRaw(status.all());
        }
    }

    @Test
    void statusWithAHungPluginExitsAfterItsWaitAndLeavesNoPluginRunning(@TempDir Path dir) throws Exception {
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            Path pid = dir.resolve("plugin.pid");
            loginWith(s.demo().kubeconfig(), dir, "hung-auth-plugin", "echo $$ > '" + pid + "'\nexec sleep 600\n");
            Map<String, String> env = new HashMap<>();
            env.put("CROSSMESH_HOME", dir.resolve("home").toString());
            long start = System.nanoTime();
            LauncherProcess.Result r = LauncherProcess.run(env, "status", "--wait", "2", "--plan", s.plan().toString(),
                    "--kubeconfig", s.demo().kubeconfig().toString());
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals(ExitCodes.FINDINGS, r.code(), r.output());
            assertTrue(seconds < 20, "status ended " + seconds + " s after it started, with --wait 2:\n" + r.output());
            assertTrue(r.output().contains("cluster-1"), r.output());
            assertNothingRaw(r.output());
            long plugin = Long.parseLong(Files.readString(pid).strip());
            for (int i = 0; i < 50 && ProcessHandle.of(plugin).map(ProcessHandle::isAlive).orElse(false); i++) {
                Thread.sleep(100);
            }
            assertFalse(ProcessHandle.of(plugin).map(ProcessHandle::isAlive).orElse(false), "the plugin was stopped with crossmesh");
        }
    }

    @Test
    void aFailingPluginPrintsOneLineInWordsOnTheTerminalOfARealProcess(@TempDir Path dir) throws Exception {
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            loginWith(s.demo().kubeconfig(), dir, "fake-auth-plugin", FAILING);
            LauncherProcess.Result r = LauncherProcess.run(Map.of("CROSSMESH_HOME", dir.resolve("home").toString()), "preflight",
                    "--plan", s.plan().toString(), "--kubeconfig", s.demo().kubeconfig().toString());
            assertEquals(ExitCodes.FINDINGS, r.code(), r.output());
            assertNothingRaw(r.output());
            assertEquals(1, r.output().lines().filter(l -> l.startsWith("error CM102 [cluster-2] clusters[1].context: cluster cluster-2: context"
                    + " demo-cluster-2: the login plugin")).count(), r.output());
        }
    }

    /** The real gke-gcloud-auth-plugin, with a gcloud that has no account: what a user without `gcloud auth login` sees. */
    @Test
    void theRealGkeAuthPluginWithoutAnAccountIsReportedInWords(@TempDir Path dir) throws Exception {
        Path plugin = Path.of("/usr/bin/gke-gcloud-auth-plugin");
        assumeTrue(Files.isExecutable(plugin), "gke-gcloud-auth-plugin is not at " + plugin);
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            loginWith(s.demo().kubeconfig(), dir, "gke-gcloud-auth-plugin", null);
            Map<String, String> env = new HashMap<>();
            env.put("CROSSMESH_HOME", dir.resolve("home").toString());
            env.put("CLOUDSDK_CONFIG", Files.createDirectories(dir.resolve("gcloud-config")).toString()); // no account logged in
            LauncherProcess.Result r = LauncherProcess.run(env, "preflight", "--plan", s.plan().toString(),
                    "--kubeconfig", s.demo().kubeconfig().toString());
            assertEquals(ExitCodes.FINDINGS, r.code(), r.output());
            assertTrue(r.output().contains("error CM102"), r.output());
            assertTrue(r.output().contains("the login plugin `gke-gcloud-auth-plugin` failed with exit code 1: "), r.output());
            assertTrue(r.output().contains("gcloud auth login"), r.output());
            assertFalse(r.output().contains("WARN") || r.output().contains("\tat "), r.output());
        }
    }
}
