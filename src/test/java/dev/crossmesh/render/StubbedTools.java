package dev.crossmesh.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.crossmesh.PayloadTraces;

/**
 * Runs an exported script with stand-ins for {@code helm}, {@code kubectl} and {@code istioctl} that record each call
 * (its arguments exactly as received, its stdin when it read {@code -f -}, its exit code), on a PATH that holds nothing
 * but them and the few tools the scripts use. The stand-ins answer what the scripts ask: {@code helm version}
 * ({@code STUB_HELM_VERSION}, default v3.17.0), {@code istioctl version} ({@code STUB_ISTIOCTL_VERSION}), a gateway
 * Service's address ({@link #GATEWAY_ADDRESS}), a token Secret's token and a remote secret; a call whose arguments hold the word
 * {@code STUB_FAIL} fails as helm would, with {@code STUB_FAIL_MESSAGE} on stderr.
 */
final class StubbedTools {
    static final String GATEWAY_ADDRESS = "127.0.0.9";

    /** One call of a stand-in. */
    record Call(String command, List<String> args, String stdin, int exitCode) {
        /** The value of {@code --flag=value}, or of {@code --flag value}; null when absent. */
        String flag(String name) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).startsWith(name + "=")) {
                    return args.get(i).substring(name.length() + 1);
                }
                if (args.get(i).equals(name) && i + 1 < args.size()) {
                    return args.get(i + 1);
                }
            }
            return null;
        }

        boolean has(String word) {
            return args.contains(word);
        }

        @Override
        public String toString() {
            return command + " " + String.join(" ", args);
        }
    }

    record Run(int exitCode, String stdout, String stderr, List<Call> calls, Path workingFolder) {
        List<Call> of(String command) {
            return calls.stream().filter(c -> c.command().equals(command)).toList();
        }

        /** The helm upgrade calls, in order. */
        List<Call> helmInstalls() {
            return of("helm").stream().filter(c -> c.has("upgrade")).toList();
        }
    }

    private static final List<String> TOOLS = List.of("dirname", "seq", "sleep", "sed", "grep", "head");

    private static final String STUB = """
            #!/bin/bash
            log="$STUB_LOG"
            name="${0##*/}"
            # claims the next free slot: noclobber makes the create atomic, as two stand-ins run at once in a pipe
            n=1
            if [ -s "$log/next" ]; then n=$(< "$log/next"); fi
            # another stand-in may be rewriting it this instant: an empty or cut read starts from 1
            case "$n" in ''|*[!0-9]*) n=1 ;; esac
            while ! (set -C; : > "$log/call-$n.args") 2> /dev/null; do n=$((n + 1)); done
            printf '%s' "$((n + 1))" > "$log/next"
            printf '%s\\0' "$name" "$@" > "$log/call-$n.args"
            if [ "$#" -ge 2 ] && [ "${@: -1}" = "-" ]; then
              stdin=$(< /dev/stdin)
              printf '%s' "$stdin" > "$log/call-$n.stdin"
            fi
            finish() { printf '%s' "$1" > "$log/call-$n.exit"; exit "$1"; }
            case "$name $1" in
              "helm version") printf '%s\\n' "${STUB_HELM_VERSION-v3.17.0+g301108e}"; finish 0 ;;
              "istioctl version") printf 'client version: %s\\n' "$STUB_ISTIOCTL_VERSION"; finish 0 ;;
            esac
            for arg in "$@"; do
              if [ -n "${STUB_FAIL:-}" ] && [ "$arg" = "$STUB_FAIL" ]; then
                printf 'Error: %s\\n' "$STUB_FAIL_MESSAGE" >&2
                finish 1
              fi
            done
            case " $* " in
              *" get service "*) printf '%s' '%ADDRESS%' ;;
              *" get secret "*) printf '%s' dG9rZW4= ;;
              *" create-remote-secret "*) printf 'apiVersion: v1\\nkind: Secret\\n' ;;
            esac
            finish 0
            """.replace("%ADDRESS%", GATEWAY_ADDRESS);

    private StubbedTools() {
    }

    /**
     * @param stubs the commands to stand in for (leave one out to run the script without it)
     * @param env   environment of the script besides PATH, HOME and the log folder
     */
    static Run run(Path script, Path work, List<String> stubs, Map<String, String> env) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path log = Files.createDirectories(work.resolve("calls"));
        for (String stub : stubs) {
            executable(bin.resolve(stub), STUB);
        }
        for (String tool : TOOLS) {
            executable(bin.resolve(tool), "#!/bin/bash\nexec " + Path.of("/usr/bin", tool).toRealPath() + " \"$@\"\n");
        }
        Path workingFolder = PayloadTraces.workingFolder(script.getFileName().toString());
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", script.toString()).directory(workingFolder.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("STUB_LOG", log.toString());
        pb.environment().put("HOME", work.toString());
        pb.redirectOutput(work.resolve("stdout").toFile()).redirectError(work.resolve("stderr").toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script.getFileName() + " did not finish in 60 s");
        }
        List<Call> calls = new ArrayList<>();
        for (int i = 1; Files.exists(log.resolve("call-" + i + ".args")); i++) {
            String raw = Files.readString(log.resolve("call-" + i + ".args"), StandardCharsets.UTF_8);
            List<String> parts = Arrays.asList(raw.substring(0, raw.length() - 1).split("\0", -1));
            Path stdin = log.resolve("call-" + i + ".stdin");
            Path exit = log.resolve("call-" + i + ".exit");
            calls.add(new Call(parts.get(0), List.copyOf(parts.subList(1, parts.size())), Files.exists(stdin) ? Files.readString(stdin) : null,
                    Files.exists(exit) ? Integer.parseInt(Files.readString(exit).trim()) : -1));
        }
        return new Run(p.exitValue(), Files.readString(work.resolve("stdout")), Files.readString(work.resolve("stderr")), calls, workingFolder);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** {@code bash -n}: the script parses. */
    static void assertParses(Path script) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), output);
        assertEquals("", output);
    }
}
