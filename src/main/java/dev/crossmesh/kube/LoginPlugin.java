package dev.crossmesh.kube;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.crossmesh.plan.ControlCharacters;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import io.fabric8.kubernetes.api.model.NamedExtension;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.OAuthTokenProvider;

/**
 * A kubeconfig user's login (exec credential) plugin, such as gke-gcloud-auth-plugin, {@code aws eks get-token} or
 * kubelogin, run by crossmesh rather than by fabric8. fabric8 waits for the plugin without a limit, reads its stderr
 * mixed into the stdout it parses (so a warning breaks the parse, and the parse error quotes the token), and logs
 * what it printed. Here each run is bounded ({@link #TIMEOUT}), stdin is empty (crossmesh never lets a plugin prompt),
 * stdout is only ever parsed as the ExecCredential and never shown, and a failure names the command, its exit code
 * and the last lines of its stderr, as kubectl does. The token is handed to fabric8 as an {@link OAuthTokenProvider},
 * so fabric8 never runs the plugin itself; it is asked again when the one it gave expires.
 */
final class LoginPlugin implements OAuthTokenProvider {
    /** The longest a plugin may run: gke-gcloud-auth-plugin answers in about a second, a slow SSO in a few. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The stderr lines a failure shows: the first (usually the error) and the last ones (usually what to do). */
    private static final int STDERR_LINES = 8;
    private static final int MAX_LINE = 500;
    private static final int MAX_OUTPUT = 1024 * 1024;
    /** A token the plugin gave no expiry for is asked for again after this (kubectl asks only after a 401). */
    private static final Duration UNDATED_TOKEN_LIFETIME = Duration.ofMinutes(10);
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

    /** What a plugin gave: a token (maybe with an expiry) or a client certificate and key. */
    record Credential(String token, String clientCertificateData, String clientKeyData, Instant expiry) {
        @Override
        public String toString() {
            return "Credential[" + (token != null ? "token" : "client certificate") + ", expires " + expiry + "]"; // never the secret
        }
    }

    private final String context;
    private final ExecConfig exec;
    private final Path kubeconfig;
    private final Cluster cluster;
    private final Duration timeout;
    private Credential current;

    LoginPlugin(String context, ExecConfig exec, Path kubeconfig, Cluster cluster, Duration timeout) {
        this.context = context;
        this.exec = exec;
        this.kubeconfig = kubeconfig;
        this.cluster = cluster;
        this.timeout = timeout;
    }

    /** Runs the plugin once, now, and gives fabric8 what it returned: a failure stops here, before any request. */
    void configure(Config config) throws LoginPluginException {
        Credential credential = run();
        synchronized (this) {
            current = credential;
        }
        if (credential.token() != null) {
            config.setOauthToken(null);
            config.setAutoOAuthToken(null);
            config.setOauthTokenProvider(this);
        } else {
            config.setClientCertData(credential.clientCertificateData());
            config.setClientKeyData(credential.clientKeyData());
        }
    }

    /** fabric8 asks before each request (and once a minute to refresh): the token in hand, or a new one once it expired. */
    @Override
    public synchronized String getToken() {
        if (current == null || current.expiry().isBefore(Instant.now().plus(EXPIRY_MARGIN))) {
            try {
                current = run();
            } catch (LoginPluginException e) {
                throw new KubernetesClientException(e.getMessage());
            }
        }
        return current.token();
    }

    /** The command as messages show it: its name only, since arguments may hold a client secret (kubelogin --oidc-client-secret). */
    String commandName() {
        return ControlCharacters.escape(exec.getCommand() == null ? "" : exec.getCommand());
    }

    Credential run() throws LoginPluginException {
        String who = "context " + ControlCharacters.escape(context) + ": the login plugin `" + commandName() + "`";
        if (exec.getCommand() == null || exec.getCommand().isBlank()) {
            throw new LoginPluginException("context " + ControlCharacters.escape(context) + ": the kubeconfig's exec login has no command: fix the user in " + kubeconfig);
        }
        if ("Always".equals(exec.getInteractiveMode())) {
            throw new LoginPluginException(who + " needs a terminal (interactiveMode: Always), and crossmesh runs it without one:"
                    + " log in with `kubectl --context " + ControlCharacters.escape(context) + " get namespaces` first, then run crossmesh again");
        }
        Process process;
        try {
            process = processBuilder().start();
        } catch (IOException e) {
            String hint = exec.getInstallHint() == null || exec.getInstallHint().isBlank() ? ""
                    : " (" + ControlCharacters.escape(exec.getInstallHint().strip().replaceAll("\\s+", " ")) + ")";
            throw new LoginPluginException(who + " cannot be started: " + Kubeconfigs.rootMessage(e)
                    + "; install it or put it on the PATH" + hint + ", then run crossmesh again", e);
        }
        try {
            process.getOutputStream().close(); // no input: a plugin that would prompt sees end of input and stops
        } catch (IOException e) {
            // it ended already
        }
        Output stdout = Output.collect(process.getInputStream(), "stdout", false);
        Output stderr = Output.collect(process.getErrorStream(), "stderr", true);
        boolean ended;
        try {
            ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new LoginPluginException(who + " was stopped: crossmesh was interrupted while it ran", e);
        }
        if (!ended) {
            kill(process);
            throw new LoginPluginException(who + " did not answer within " + timeout.toSeconds() + " s, so crossmesh stopped it"
                    + stderr.lastLines(" - it wrote: ") + "; it may be waiting for a login in a browser or at a prompt: run `kubectl --context "
                    + ControlCharacters.escape(context) + " get namespaces` once to log in, then run crossmesh again");
        }
        stdout.await();
        stderr.await();
        int code = process.exitValue();
        if (code != 0) {
            throw new LoginPluginException(who + " failed with exit code " + code + stderr.lastLines(": ")
                    + "; fix its login (run it, or `kubectl --context " + ControlCharacters.escape(context) + " get namespaces`, to see), then run crossmesh again");
        }
        return parse(stdout.text(), who);
    }

    private ProcessBuilder processBuilder() {
        List<String> command = new ArrayList<>();
        command.add(resolvedCommand());
        if (exec.getArgs() != null) {
            command.addAll(exec.getArgs());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        if (exec.getEnv() != null) {
            for (ExecEnvVar variable : exec.getEnv()) {
                if (variable.getName() != null) {
                    environment.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
                }
            }
        }
        environment.put("KUBERNETES_EXEC_INFO", execInfo());
        return builder;
    }

    /** As kubectl: a relative path with a separator is relative to the kubeconfig's folder; a bare name is looked up on the PATH. */
    private String resolvedCommand() {
        String command = exec.getCommand();
        Path path = Path.of(command);
        if (!path.isAbsolute() && path.getNameCount() > 1 && kubeconfig.toAbsolutePath().getParent() != null) {
            return kubeconfig.toAbsolutePath().getParent().resolve(path).normalize().toString();
        }
        return command;
    }

    /** The ExecCredential input kubectl gives every plugin: not interactive, and the cluster when provideClusterInfo asks for it. */
    private String execInfo() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("interactive", false);
        if (Boolean.TRUE.equals(exec.getProvideClusterInfo()) && cluster != null) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("server", cluster.getServer());
            if (cluster.getTlsServerName() != null) {
                info.put("tls-server-name", cluster.getTlsServerName());
            }
            if (Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify())) {
                info.put("insecure-skip-tls-verify", true);
            }
            if (cluster.getCertificateAuthorityData() != null) {
                info.put("certificate-authority-data", cluster.getCertificateAuthorityData());
            }
            if (cluster.getProxyUrl() != null) {
                info.put("proxy-url", cluster.getProxyUrl());
            }
            if (cluster.getExtensions() != null) {
                cluster.getExtensions().stream().filter(e -> "client.authentication.k8s.io/exec".equals(e.getName()))
                        .map(NamedExtension::getExtension).filter(java.util.Objects::nonNull).findFirst()
                        .ifPresent(config -> info.put("config", JsonParser.parseString(io.fabric8.kubernetes.client.utils.Serialization.asJson(config))));
            }
            spec.put("cluster", info);
        }
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("apiVersion", exec.getApiVersion());
        credential.put("kind", "ExecCredential");
        credential.put("spec", spec);
        return new Gson().toJson(credential);
    }

    /** The plugin's stdout as an ExecCredential; what it holds is never part of a message, whatever is wrong with it. */
    private Credential parse(String stdout, String who) throws LoginPluginException {
        JsonObject credential;
        try {
            JsonElement parsed = JsonParser.parseString(stdout);
            credential = parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
        } catch (JsonParseException | IllegalStateException e) {
            credential = null; // the parser's message quotes the text: not shown
        }
        if (credential == null || !"ExecCredential".equals(text(credential, "kind").orElse(""))) {
            throw new LoginPluginException(who + " printed something other than an ExecCredential (" + (stdout.isBlank() ? "nothing"
                    : stdout.length() + " characters, not shown") + "): run it by hand to see what it says, or update it");
        }
        String apiVersion = text(credential, "apiVersion").orElse("");
        if (exec.getApiVersion() != null && !exec.getApiVersion().equals(apiVersion)) {
            throw new LoginPluginException(who + " answered with apiVersion " + ControlCharacters.escape(apiVersion)
                    + ", but the kubeconfig asks for " + ControlCharacters.escape(exec.getApiVersion()) + ": make them the same (in the user's exec.apiVersion)");
        }
        JsonObject status = credential.has("status") && credential.get("status").isJsonObject() ? credential.getAsJsonObject("status") : new JsonObject();
        Optional<String> token = text(status, "token").filter(t -> !t.isEmpty());
        Optional<String> cert = text(status, "clientCertificateData").filter(t -> !t.isEmpty());
        Optional<String> key = text(status, "clientKeyData").filter(t -> !t.isEmpty());
        Instant expiry = Instant.now().plus(UNDATED_TOKEN_LIFETIME);
        Optional<String> expires = text(status, "expirationTimestamp");
        if (expires.isPresent()) {
            try {
                expiry = OffsetDateTime.parse(expires.get()).toInstant();
            } catch (DateTimeParseException e) {
                throw new LoginPluginException(who + " gave an expirationTimestamp that is not an RFC 3339 time: update the plugin");
            }
        }
        if (token.isPresent()) {
            return new Credential(token.get(), null, null, expiry);
        }
        if (cert.isPresent() && key.isPresent()) {
            return new Credential(null, cert.get(), key.get(), expiry);
        }
        throw new LoginPluginException(who + " answered without a token or a client certificate and key: log in again with it, or update it");
    }

    private static Optional<String> text(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value != null && value.isJsonPrimitive() ? Optional.of(value.getAsString()) : Optional.empty();
    }

    /** The plugin and whatever it started (gcloud, a browser helper): nothing is left running. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** One of the plugin's output streams, read on a thread of its own so that neither pipe fills and blocks the plugin. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder();
        private String firstLine;
        private boolean skipped;
        private final Deque<String> lines = new ArrayDeque<>();
        private final boolean keepLines;
        private final Thread reader;

        private Output(InputStream in, String name, boolean keepLines) {
            this.keepLines = keepLines;
            this.reader = new Thread(() -> read(in), "crossmesh-login-plugin-" + name);
            reader.setDaemon(true);
        }

        static Output collect(InputStream in, String name, boolean keepLines) {
            Output output = new Output(in, name, keepLines);
            output.reader.start();
            return output;
        }

        /** Line by line, as it comes: a plugin that hangs has still said what it waits for. */
        private void read(InputStream in) {
            try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                long read = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    read += line.length() + 1;
                    if (read > MAX_OUTPUT) {
                        continue; // read on, so that the plugin never blocks on a full pipe, but keep no more
                    }
                    synchronized (this) {
                        if (keepLines) {
                            keep(line);
                        } else {
                            text.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                // the plugin was stopped: what was read is what there is
            }
        }

        private void keep(String line) {
            if (line.isBlank()) {
                return;
            }
            if (firstLine == null) {
                firstLine = line.strip();
                return;
            }
            lines.addLast(line.strip());
            if (lines.size() > STDERR_LINES - 1) {
                lines.removeFirst();
                skipped = true;
            }
        }

        /** Waits a little for the rest: the plugin has ended, so its pipes close unless a child it left holds them. */
        void await() {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized String text() {
            return text.toString();
        }

        /** The last lines of stderr, escaped and cut, after {@code prefix}; "" when it wrote nothing. */
        synchronized String lastLines(String prefix) {
            if (firstLine == null) {
                return "";
            }
            List<String> all = new ArrayList<>();
            all.add(firstLine);
            if (skipped) {
                all.add("...");
            }
            all.addAll(lines);
            List<String> shown = new ArrayList<>();
            for (String line : all) {
                String escaped = ControlCharacters.escape(line);
                shown.add(escaped.length() > MAX_LINE ? escaped.substring(0, MAX_LINE) + "..." : escaped);
            }
            return prefix + String.join(" | ", shown);
        }
    }
}
