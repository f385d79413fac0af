package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

import dev.crossmesh.PayloadTraces;

/**
 * Login (exec) plugins run by crossmesh: their token reaches the API server, their failures name the command, exit
 * code and stderr, a hung one is stopped, and nothing of what they print on stdout appears in any message.
 */
class LoginPluginTest {
    static final String TOKEN = "tok-SECRET-4f2a9c81e7";

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Where the arguments' payloads would leave their trace if a shell ran them: the JVM's folder (relative) and this one. */
    private Path traces;

    @BeforeEach
    void startServer() throws IOException {
        traces = PayloadTraces.workingFolder("login-plugin");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/version", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.0\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /** A kubeconfig whose user logs in with {@code plugin} (a bash script body), as gke-gcloud-auth-plugin's does. */
    Kubeconfigs kubeconfig(String plugin) throws IOException {
        Path script = dir.resolve("bin").resolve("login-plugin");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/bash\n" + plugin);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: http://127.0.0.1:%d
                    extensions:
                    - name: client.authentication.k8s.io/exec
                      extension: {audience: mesh}
                contexts:
                - name: ctx
                  context: {cluster: c, user: u}
                users:
                - name: u
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1beta1
                      command: ./bin/login-plugin
                      args: ["--flag", "%s"]
                      env: [{name: PLUGIN_ENV, value: "v 1"}]
                      provideClusterInfo: true
                      interactiveMode: Never
                """.formatted(server.getAddress().getPort(), payload()));
        return Kubeconfigs.of(List.of(file));
    }

    /** Shell syntax that, run by a shell, leaves a pwned file in the current folder and one in {@link #traces}. */
    String payload() {
        return "a b $(touch pwned) `touch " + traces + "/pwned-backtick` ;";
    }

    static String credential(String token, Instant expiry) {
        return "{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" + token + "\""
                + (expiry == null ? "" : ",\"expirationTimestamp\":\"" + expiry + "\"") + "}}";
    }

    static String printing(String json) {
        return "cat <<'EOF'\n" + json + "\nEOF\n";
    }

    @Test
    void theTokenReachesTheServerAndTheArgumentsEnvironmentAndClusterInfoReachThePlugin() throws Exception {
        Kubeconfigs kubeconfigs = kubeconfig("""
                printf '%s\\n' "$@" > "$(dirname "$0")/args"
                printf '%s' "$PLUGIN_ENV" > "$(dirname "$0")/env"
                printf '%s' "$KUBERNETES_EXEC_INFO" > "$(dirname "$0")/info"
                echo "a warning on stderr does not break the credential" >&2
                """ + printing(credential(TOKEN, null)));
        try (ClusterClients clients = new ClusterClients(kubeconfigs)) {
            assertEquals("v1.30.0", clients.client("ctx").getKubernetesVersion().getGitVersion());
        }
        assertEquals(List.of("Bearer " + TOKEN), authorizations);
        assertEquals("--flag\n" + payload() + "\n", Files.readString(dir.resolve("bin/args")), "arguments verbatim, no shell");
        PayloadTraces.assertNoneRan(traces, dir);
        assertEquals("v 1", Files.readString(dir.resolve("bin/env")));
        JsonObject info = JsonParser.parseString(Files.readString(dir.resolve("bin/info"))).getAsJsonObject();
        assertEquals("ExecCredential", info.get("kind").getAsString());
        assertEquals(false, info.getAsJsonObject("spec").get("interactive").getAsBoolean());
        assertEquals("http://127.0.0.1:" + server.getAddress().getPort(), info.getAsJsonObject("spec").getAsJsonObject("cluster").get("server").getAsString());
        assertEquals("mesh", info.getAsJsonObject("spec").getAsJsonObject("cluster").getAsJsonObject("config").get("audience").getAsString());
    }

    @Test
    void aFailingPluginIsReportedWithItsCommandExitCodeAndLastStderrLinesAndNothingIsSent() throws Exception {
        StringBuilder manyLines = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            manyLines.append("echo 'detail line ").append(i).append("' >&2\n");
        }
        Kubeconfigs kubeconfigs = kubeconfig("""
                echo 'F1207 cred.go:145] print credential failed: no active account' >&2
                """ + manyLines + """
                printf '\\033[31mrun: gcloud auth login\\033[0m\\n' >&2
                echo '%s'
                exit 3
                """.formatted(TOKEN));
        try (ClusterClients clients = new ClusterClients(kubeconfigs)) {
            LoginPluginException e = assertThrows(LoginPluginException.class, () -> clients.client("ctx"));
            String message = e.getMessage();
            assertTrue(message.startsWith("context ctx: the login plugin `./bin/login-plugin` failed with exit code 3: "
                    + "F1207 cred.go:145] print credential failed: no active account | ... | detail line 15 |"), message);
            assertTrue(message.contains("detail line 20 | \\e[31mrun: gcloud auth login\\e[0m; fix its login"), message);
            assertFalse(message.contains("detail line 14 "), message);
            assertFalse(message.contains("SECRET"), "stdout is never shown: " + message);
            assertFalse(message.contains("\u001b"), "escapes are escaped");
        }
        assertEquals(List.of(), authorizations, "crossmesh does not go on without credentials");
    }

    @Test
    void aHungPluginIsStoppedWithEverythingItStartedAndNamed() throws Exception {
        Path pids = dir.resolve("pids");
        Kubeconfigs kubeconfigs = kubeconfig("""
                sleep 600 &
                echo $! > '%s'
                echo "waiting for the browser login" >&2
                wait
                """.formatted(pids));
        long start = System.nanoTime();
        LoginPluginException e = assertThrows(LoginPluginException.class, () -> kubeconfigs.clientConfig("ctx", Duration.ofSeconds(2)));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 6, "stopped after its 2 s, took " + seconds + " s");
        assertTrue(e.getMessage().startsWith("context ctx: the login plugin `./bin/login-plugin` did not answer within 2 s, so crossmesh stopped it"
                + " - it wrote: waiting for the browser login; it may be waiting for a login"), e.getMessage());
        long child = Long.parseLong(Files.readString(pids).strip());
        for (int i = 0; i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the plugin's child is stopped too");
    }

    @Test
    void aPluginStoppedByAnInterruptEndsAtOnce() throws Exception {
        Kubeconfigs kubeconfigs = kubeconfig("exec sleep 600\n");
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException ignored) {
                return;
            }
            caller.interrupt();
        });
        interrupter.start();
        long start = System.nanoTime();
        LoginPluginException e = assertThrows(LoginPluginException.class, () -> kubeconfigs.clientConfig("ctx", Duration.ofSeconds(30)));
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        assertTrue(e.getMessage().contains("was stopped: crossmesh was interrupted"), e.getMessage());
    }

    @Test
    void whatIsNotAnExecCredentialIsRefusedWithoutShowingAnyOfIt() throws Exception {
        for (String stdout : List.of("warning: cache stale\n" + credential(TOKEN, null), "not json " + TOKEN, "{\"token\": \"" + TOKEN + "\"",
                "[\"" + TOKEN + "\"]", "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"status\":{}}")) {
            Kubeconfigs kubeconfigs = kubeconfig(printing(stdout));
            LoginPluginException e = assertThrows(LoginPluginException.class, () -> kubeconfigs.clientConfig("ctx", Duration.ofSeconds(10)), stdout);
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
            assertFalse(e.getMessage().contains("4f2a"), e.getMessage());
            assertTrue(e.getMessage().startsWith("context ctx: the login plugin `./bin/login-plugin` "), e.getMessage());
        }
        Kubeconfigs other = kubeconfig(printing(credential(TOKEN, null).replace("v1beta1", "v1")));
        assertTrue(assertThrows(LoginPluginException.class, () -> other.clientConfig("ctx", Duration.ofSeconds(10))).getMessage()
                .contains("answered with apiVersion client.authentication.k8s.io/v1, but the kubeconfig asks for client.authentication.k8s.io/v1beta1"));
    }

    @Test
    void aPluginThatIsNotInstalledSaysSo() throws Exception {
        Kubeconfigs kubeconfigs = kubeconfig("");
        Files.delete(dir.resolve("bin/login-plugin"));
        LoginPluginException e = assertThrows(LoginPluginException.class, () -> kubeconfigs.clientConfig("ctx", Duration.ofSeconds(10)));
        assertTrue(e.getMessage().startsWith("context ctx: the login plugin `./bin/login-plugin` cannot be started: "), e.getMessage());
        assertTrue(e.getMessage().contains("install it or put it on the PATH"), e.getMessage());
    }

    @Test
    void anExpiredTokenIsAskedForAgainAndTheNewOneSent() throws Exception {
        Path runs = dir.resolve("runs");
        Kubeconfigs kubeconfigs = kubeconfig("""
                echo run >> '%s'
                n=$(wc -l < '%s')
                expiry=$(date -u -d '+%s seconds' +%%Y-%%m-%%dT%%H:%%M:%%SZ)
                printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"token-%%s","expirationTimestamp":"%%s"}}' "$n" "$expiry"
                """.formatted(runs, runs, 13));
        try (ClusterClients clients = new ClusterClients(kubeconfigs)) {
            clients.client("ctx").getKubernetesVersion();
            Thread.sleep(3500); // the token now expires within the 10 s margin: the next request asks again
            clients.client("ctx").getKubernetesVersion();
        }
        assertEquals("Bearer token-1", authorizations.get(0));
        assertTrue(authorizations.get(authorizations.size() - 1).matches("Bearer token-[2-9]"), authorizations.toString());
    }
}
