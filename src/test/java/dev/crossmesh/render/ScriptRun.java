package dev.crossmesh.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;

import dev.crossmesh.PayloadTraces;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;

/**
 * Runs an exported {@code apply.sh} with stand-ins for kubectl and istioctl that record each call's arguments verbatim
 * (and what it read on stdin), on a PATH that holds nothing but them and the tools the script itself uses; istioctl answers {@code version} with the
 * plan's release, as the istioctl the script asks for would.
 * Any other command the script ran would be "command not found" on its stderr; a builtin that ran (a redirection,
 * {@code :}) would leave a file behind, in the script's working folder (a fresh one under target/, see
 * {@link PayloadTraces}) or the export's.
 */
public record ScriptRun(int exitCode, String stdout, String stderr, List<Call> calls, Path workingFolder) {
    /** One call of a stand-in: its name, its arguments exactly as received, and its stdin when it read "-f -". */
    public record Call(String command, List<String> args, String stdin) {
        public String arg(String prefix) {
            return args.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst().orElse(null);
        }
    }

    /** The script's first call: which istioctl is on the PATH. */
    private static final List<String> VERSION_CHECK = List.of("version", "--remote=false");

    public static final String GATEWAY_ADDRESS = "127.0.0.9";

    /** The tools apply.sh uses besides kubectl and istioctl. */
    private static final List<String> TOOLS = List.of("dirname", "seq", "sleep", "sed", "grep", "head");

    private static final String STUB = """
            #!/bin/bash
            # records this call, then answers as much as apply.sh needs
            log="$CROSSMESH_STUB_LOG"
            # claims the next free slot: noclobber makes the create atomic, as two stubs run at once in a pipe
            n=1
            while ! (set -C; : > "$log/call-$n.args") 2> /dev/null; do n=$((n + 1)); done
            printf '%s\\0' "${0##*/}" "$@" > "$log/call-$n.args"
            if [ "$#" -ge 2 ] && [ "${@: -1}" = "-" ]; then
              stdin=$(< /dev/stdin)
              printf '%s' "$stdin" > "$log/call-$n.stdin"
            fi
            case " $* " in
              *" version --remote=false "*) printf 'client version: %s\\n' "$CROSSMESH_STUB_ISTIO" ;;
              *" get service "*) printf '%s' '%ADDRESS%' ;;
              *" create-remote-secret "*) printf 'apiVersion: v1\\nkind: Secret\\n' ;;
            esac
            """.replace("%ADDRESS%", GATEWAY_ADDRESS);

    public static ScriptRun run(Path script, Path work, MeshPlan plan) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path log = Files.createDirectories(work.resolve("calls"));
        for (String stub : List.of("kubectl", "istioctl")) {
            Path file = bin.resolve(stub);
            Files.writeString(file, STUB);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String tool : TOOLS) {
            Path file = bin.resolve(tool);
            Files.writeString(file, "#!/bin/bash\nexec " + Path.of("/usr/bin", tool).toRealPath() + " \"$@\"\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path workingFolder = PayloadTraces.workingFolder("apply-sh");
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", script.toString()).directory(workingFolder.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("CROSSMESH_STUB_LOG", log.toString());
        pb.environment().put("HOME", work.toString());
        pb.environment().put("CROSSMESH_STUB_ISTIO", plan.istio().version());
        pb.redirectOutput(work.resolve("stdout").toFile()).redirectError(work.resolve("stderr").toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("apply.sh did not finish in 60 s");
        }
        List<Call> calls = new ArrayList<>();
        for (int i = 1; Files.exists(log.resolve("call-" + i + ".args")); i++) {
            String raw = Files.readString(log.resolve("call-" + i + ".args"), StandardCharsets.UTF_8);
            List<String> parts = Arrays.asList(raw.substring(0, raw.length() - 1).split("\0", -1));
            Path stdin = log.resolve("call-" + i + ".stdin");
            calls.add(new Call(parts.get(0), List.copyOf(parts.subList(1, parts.size())), Files.exists(stdin) ? Files.readString(stdin) : null));
        }
        return new ScriptRun(p.exitValue(), Files.readString(work.resolve("stdout")), Files.readString(work.resolve("stderr")), calls, workingFolder);
    }

    /** {@code bash -n}: the script parses. */
    public static void assertParses(Path script) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), output);
        assertEquals("", output);
    }

    /**
     * The script ran to its end, wrote nothing on stderr (so no "command not found"), left no file behind that a
     * payload would have made, and gave kubectl and istioctl exactly the plan's values: its contexts, cluster names,
     * API servers and the exported files, byte for byte.
     */
    public void assertRanOnlyThePlansCommands(MeshPlan plan, Path exportDir, List<Path> exported) throws IOException {
        assertEquals("", stderr, "stdout: " + stdout);
        assertEquals(0, exitCode, stdout);
        PayloadTraces.assertNoneRan(workingFolder, exportDir.getParent());
        Set<String> contexts = plan.clusters().stream().map(ClusterSpec::context).collect(Collectors.toSet());
        Set<String> seen = calls.stream().filter(c -> !c.args().equals(VERSION_CHECK)).map(c -> c.arg("--context=")).collect(Collectors.toSet());
        assertEquals(contexts, seen, "every call names one of the plan's contexts, verbatim");
        Set<String> applied = calls.stream().filter(c -> c.args().contains("-f")).map(c -> c.args().get(c.args().indexOf("-f") + 1))
                .filter(f -> !f.equals("-")).collect(Collectors.toSet());
        // the manifests (cluster/file); the Helm values files (cluster/helm/file) are apply-helm.sh's
        Set<String> expected = exported.stream().filter(f -> f.getNameCount() == 2).map(Path::toString)
                .filter(f -> f.endsWith(".yaml") && !f.contains("istiooperator-eastwest")).collect(Collectors.toSet());
        // a remote's control plane goes through sed into istioctl's stdin, with its primary's address filled in
        List<Call> piped = calls.stream().filter(c -> c.args().contains("install") && c.args().contains("-")).toList();
        for (Call install : piped) {
            assertTrue(install.stdin().contains(GATEWAY_ADDRESS) && !install.stdin().contains(ManifestRenderer.addressPlaceholder("")), install.stdin());
        }
        assertEquals(expected.size(), applied.size() + piped.size(), "each exported file is applied once: " + applied);
        assertTrue(expected.containsAll(applied), "each exported file is applied under its own name: " + applied);
        for (ClusterSpec reader : plan.clusters()) {
            for (ClusterSpec source : plan.remoteSecretSources(reader)) {
                assertEquals(1, calls.stream().filter(c -> c.args().contains("create-remote-secret") && source.context().equals(c.arg("--context="))
                        && source.name().equals(c.arg("--name=")) && (source.apiServer().isEmpty() || source.apiServer().equals(c.arg("--server="))))
                        .count(), "remote secret of " + source.name() + " for " + reader.name() + ": " + calls);
            }
        }
        for (ClusterSpec c : plan.clusters()) {
            assertTrue(stdout.contains(c.name() + ": east-west gateway at " + GATEWAY_ADDRESS + "\n"), stdout);
        }
    }

    public List<Call> calls(String command, String argument) {
        return calls.stream().filter(c -> c.command().equals(command) && c.args().contains(argument)).toList();
    }
}
