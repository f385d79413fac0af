package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What fabric8 and Vert.x log (an informer that cannot list retries with a WARN and a stack trace) goes to
 * {@code <home>/logs/crossmesh.log}, never to the terminal, where crossmesh says the same thing once, in words.
 */
class LibraryLogsTest {
    @Test
    void aLibrarysWarningsGoToTheLogFileAndTheTerminalShowsOnlyCrossmeshsOwnLine(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: a, cluster: {server: "https://127.0.0.1:1"}}
                - {name: b, cluster: {server: "https://127.0.0.1:2"}}
                contexts:
                - {name: ca, context: {cluster: a, user: u}}
                - {name: cb, context: {cluster: b, user: u}}
                users:
                - {name: u, user: {token: tok-LOGS-5e1f0c}}
                """);
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                meshId: mesh1
                istio: {version: "1.30.3"}
                clusters:
                  - {name: cluster-1, context: ca, network: n1}
                  - {name: cluster-2, context: cb, network: n2}
                """);
        Path home = dir.resolve("home");
        LauncherProcess.Result r = LauncherProcess.run(Map.of("CROSSMESH_HOME", home.toString()), "status", "--wait", "3",
                "--plan", plan.toString(), "--kubeconfig", kubeconfig.toString());
        assertEquals(ExitCodes.FINDINGS, r.code(), r.output());
        assertTrue(r.output().contains("error CM200 [cluster-1]: cluster-1 (context ca) is offline: cannot connect to the API server (Connection refused)"),
                r.output());
        assertFalse(r.output().contains("WARN") || r.output().contains("\tat ") || r.output().contains("Exception") || r.output().contains("io.fabric8"),
                r.output());

        Path log = home.resolve("logs").resolve("crossmesh.log");
        String logged = Files.readString(log);
        // a one-shot status lists, it starts no informer to retry; fabric8 still warns (v1alpha3 Gateways), in the file only
        assertTrue(logged.contains("io.fabric8.kubernetes.client") && logged.contains("WARNING"), logged.substring(0, Math.min(2000, logged.length())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent())));
        assertFalse(logged.contains("5e1f0c"), "no credential in the log");
    }

    @Test
    void aCommandThatLogsNothingLeavesNoLogFile(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                meshId: mesh1
                istio: {version: "1.30.3"}
                clusters:
                  - {name: cluster-1, context: ca, network: n1}
                  - {name: cluster-2, context: cb, network: n2}
                """);
        Path home = dir.resolve("home");
        LauncherProcess.Result r = LauncherProcess.run(Map.of("CROSSMESH_HOME", home.toString()), "validate", "--plan", plan.toString());
        assertEquals(0, r.code(), r.output());
        assertFalse(Files.exists(home.resolve("logs")), "no log folder for a command that logged nothing");
    }
}
