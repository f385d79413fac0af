package dev.crossmesh.kube;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Consumer;

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
        return ExternalTool.locate(PROPERTY, ENV, "istioctl");
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
        return ExternalTool.output(List.of(istioctl.toString(), "version", "--remote=false")).flatMap(out -> {
            Matcher m = VERSION.matcher(out);
            return m.find() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
        });
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
        return ExternalTool.run(installCommand(istioctl, file, context), kubeconfigFiles, lines, cancel);
    }
}
