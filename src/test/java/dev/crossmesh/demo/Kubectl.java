package dev.crossmesh.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real kubectl binary run against a demo cluster, as a trainer types it. The machines have kubectl 1.27 to 1.33
 * as {@code kubectl.1.NN} beside the file {@code kubectl} resolves to; tests that need one skip, saying so, where it
 * is absent. Every run is bounded: a command that hangs fails the test with what it printed so far.
 */
record Kubectl(Path binary, String version) {
    static final int FIRST_MINOR = 27;
    static final int LAST_MINOR = 33;

    /** The result of one run. */
    record Run(List<String> command, int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** The versioned binaries found here, oldest first; empty where none is installed. */
    static List<Kubectl> installed() {
        Path dir = resolvedKubectl().map(Path::getParent).orElse(null);
        List<Kubectl> found = new ArrayList<>();
        if (dir == null) {
            return found;
        }
        for (int minor = FIRST_MINOR; minor <= LAST_MINOR; minor++) {
            Path binary = dir.resolve("kubectl.1." + minor);
            if (Files.isExecutable(binary)) {
                found.add(new Kubectl(binary, "1." + minor));
            }
        }
        return found;
    }

    /** kubectl 1.{@code minor}, or the test is skipped saying it is absent. */
    static Kubectl version(int minor) {
        return installed().stream().filter(k -> k.version.equals("1." + minor)).findFirst()
                .orElseGet(() -> {
                    Assumptions.abort("kubectl.1." + minor + " is not installed here (looked beside "
                            + resolvedKubectl().map(Path::toString).orElse("kubectl, which is not on the PATH") + ")");
                    return null;
                });
    }

    /** Arguments for a JUnit {@code @MethodSource}: every installed version, or a skip when there is none. */
    static Stream<Kubectl> every() {
        List<Kubectl> all = installed();
        Assumptions.assumeFalse(all.isEmpty(), "no kubectl.1.NN is installed here");
        return all.stream();
    }

    private static java.util.Optional<Path> resolvedKubectl() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                try {
                    return java.util.Optional.of(candidate.toRealPath());
                } catch (IOException e) {
                    return java.util.Optional.empty();
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Runs kubectl on a demo's context, with no cache of discovery shared between tests. */
    Run run(DemoClusters demo, String context, String... args) {
        return runWithInput(demo, context, null, args);
    }

    Run runWithInput(DemoClusters demo, String context, String stdin, String... args) {
        return runWithEnvironment(demo, context, java.util.Map.of(), stdin, args);
    }

    /** With extra environment variables, such as the {@code KUBE_EDITOR} that {@code kubectl edit} runs. */
    Run runWithEnvironment(DemoClusters demo, String context, java.util.Map<String, String> environment, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", demo.kubeconfig().toString(),
                "--context", context, "--request-timeout=20s"));
        command.addAll(Arrays.asList(args));
        try {
            Path cache = Files.createTempDirectory("kubectl-cache");
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("KUBECACHEDIR", cache.toString());
            builder.environment().put("HOME", cache.toString());
            builder.environment().remove("KUBECONFIG");
            builder.environment().putAll(environment);
            Process p = builder.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl " + version + " did not finish in 60 s: " + String.join(" ", command)
                        + "\n" + out.getNow("") + err.getNow(""));
            }
            return new Run(command, p.exitValue(), out.get(), err.get());
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("could not run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running kubectl");
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "kubectl " + version;
    }
}
