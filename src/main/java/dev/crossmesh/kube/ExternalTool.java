package dev.crossmesh.kube;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Finding and running the command-line tools apply hands steps to (istioctl, helm). */
final class ExternalTool {
    private ExternalTool() {
    }

    /** The path in system property {@code property}, else in environment variable {@code env}, else the first {@code name} on the PATH. */
    static Optional<Path> locate(String property, String env, String name) {
        String fromProperty = System.getProperty(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Optional.of(Path.of(fromProperty));
        }
        String fromEnv = System.getenv(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Path.of(fromEnv));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String file : List.of(name, name + ".exe")) {
                Path candidate = Path.of(dir, file);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The first 64 KiB of what a short command prints (stdout and stderr), or empty when it cannot run or takes over 10 s. */
    static Optional<String> output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Runs a command with the kubeconfig files crossmesh uses (KUBECONFIG, merged in the same order, as kubectl reads
     * it), passing every non-blank output line (stdout and stderr) on as it comes. Cancelling stops the process.
     *
     * @return the exit code, or -1 when cancelled
     */
    static int run(List<String> command, List<Path> kubeconfigFiles, Consumer<String> lines, CancelToken cancel) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
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
        }, "tool-output");
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
