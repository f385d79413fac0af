package dev.crossmesh.kube;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Finds and runs {@code istioctl}: the path in the system property {@code crossmesh.istioctl} or the environment
 * variable {@code CROSSMESH_ISTIOCTL}, else the first {@code istioctl} on the PATH.
 */
public final class Istioctl {
    public static final String PROPERTY = "crossmesh.istioctl";
    public static final String ENV = "CROSSMESH_ISTIOCTL";

    private Istioctl() {
    }

    public static Optional<Path> locate() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : List.of("istioctl", "istioctl.exe")) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static final Map<Path, Optional<String>> RELEASE_LINES = new ConcurrentHashMap<>();
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+");

    /**
     * The release line ({@code 1.24}) of an istioctl, from {@code istioctl version --remote=false} (asked once per path):
     * istioctl installs only its own release, so a plan of another line must not be handed to it.
     */
    public static Optional<String> releaseLine(Path istioctl) {
        return RELEASE_LINES.computeIfAbsent(istioctl, Istioctl::askReleaseLine);
    }

    private static Optional<String> askReleaseLine(Path istioctl) {
        try {
            Process process = new ProcessBuilder(istioctl.toString(), "version", "--remote=false").redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(new String(out, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The command as it is run and shown: {@code istioctl install -y -f FILE --context CTX}. */
    static List<String> installCommand(Path istioctl, Path file, String context) {
        return List.of(istioctl.toString(), "install", "-y", "-f", file.toString(), "--context", context);
    }

    /**
     * Runs {@code istioctl install} with the kubeconfig files crossmesh uses, passing every output line on as it comes.
     * Cancelling stops the process.
     *
     * @return the exit code, or -1 when cancelled
     */
    static int install(Path istioctl, Path file, String context, List<Path> kubeconfigFiles, Consumer<String> lines, CancelToken cancel)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(installCommand(istioctl, file, context)).redirectErrorStream(true);
        // istioctl reads KUBECONFIG as kubectl does: the same files crossmesh reads, merged in the same order
        builder.environment().put("KUBECONFIG", kubeconfigFiles.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        Process process = builder.start();
        process.getOutputStream().close();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        lines.accept(line);
                    }
                }
            } catch (IOException e) {
                // the process ended or was stopped; its exit code tells the rest
            }
        }, "istioctl-output");
        reader.setDaemon(true);
        reader.start();
        try {
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled()) {
                    process.destroy();
                    if (!process.waitFor(3, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                    reader.join(1000);
                    return -1;
                }
            }
            reader.join(2000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }
}
