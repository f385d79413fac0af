package dev.crossmesh.kube;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.crossmesh.render.HelmRelease;
import dev.crossmesh.render.Labels;

/**
 * Finds and runs {@code helm}, as {@link Istioctl} does istioctl: the path in the system property {@code crossmesh.helm}
 * or the environment variable {@code CROSSMESH_HELM}, else the first {@code helm} on the PATH.
 */
public final class Helm {
    public static final String PROPERTY = "crossmesh.helm";
    public static final String ENV = "CROSSMESH_HELM";
    /** Istio's charts are apiVersion v2 charts (Chart.yaml at every tag from 1.12.0), which Helm 2 cannot install. */
    static final int OLDEST_MAJOR = 3;
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)\\S*");

    private Helm() {
    }

    public static Optional<Path> locate() {
        return ExternalTool.locate(PROPERTY, ENV, "helm");
    }

    /**
     * What is wrong with this helm for Istio's charts, or empty when it is Helm 3 or newer: from {@code helm version --short}
     * ({@code v3.17.0+g301108e}; Helm 2 says {@code Client: v2.17.0+ga690bad}). Asked each time: a helm can be replaced meanwhile.
     */
    static Optional<String> problem(Path helm) {
        Optional<String> out = ExternalTool.output(List.of(helm.toString(), "version", "--short"));
        if (out.isEmpty()) {
            return Optional.of(helm + " did not answer `helm version --short` within 10 s: check that it is Helm " + OLDEST_MAJOR + " or newer");
        }
        Matcher m = VERSION.matcher(out.get());
        if (!m.find()) {
            return Optional.of(helm + " did not say its version (helm version --short printed '" + firstLine(out.get())
                    + "'): check that it is Helm " + OLDEST_MAJOR + " or newer");
        }
        if (Integer.parseInt(m.group(1)) < OLDEST_MAJOR) {
            return Optional.of("helm at " + helm + " is " + m.group() + ", too old for Istio's charts (apiVersion v2 charts need Helm "
                    + OLDEST_MAJOR + " or newer): install Helm " + OLDEST_MAJOR + " (https://helm.sh/docs/intro/install/) and put it first"
                    + " (PATH, -D" + PROPERTY + " or $" + ENV + ")");
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /**
     * {@code helm upgrade --install RELEASE CHART -n istio-system --kube-context=CTX -f FILE [--wait]}, with the chart
     * where {@code charts} says; every value a flag takes is joined to it with '=' so that none is read as a flag.
     */
    static List<String> installCommand(Path helm, HelmRelease release, ChartSource charts, String version, String context, Path valuesFile,
            boolean waits) {
        List<String> command = new ArrayList<>(List.of(helm.toString(), "upgrade", "--install", release.name()));
        command.addAll(charts.chartArguments(release.chart(), version));
        command.addAll(List.of("--namespace=" + Labels.ISTIO_NAMESPACE, "--kube-context=" + context, "--values=" + valuesFile));
        if (waits) {
            command.add("--wait");
        }
        return command;
    }

    /** The same command for messages and the diff, with the values file as the export names it. */
    static String shown(HelmRelease release, ChartSource charts, String version, String context, boolean waits) {
        return String.join(" ", installCommand(Path.of("helm"), release, charts, version, context, Path.of(release.path()), waits));
    }

    /** helm's own message in its output: its last {@code Error:} line, else its last line. */
    static String error(List<String> output) {
        synchronized (output) {
            for (int i = output.size() - 1; i >= 0; i--) {
                if (output.get(i).startsWith("Error:")) {
                    return output.get(i);
                }
            }
            return output.isEmpty() ? "helm printed nothing" : output.get(output.size() - 1);
        }
    }

    /**
     * Runs one {@code helm upgrade --install} with the kubeconfig files crossmesh uses, passing every output line on as it comes.
     *
     * @return the exit code, or -1 when cancelled
     */
    static int install(List<String> command, List<Path> kubeconfigFiles, Consumer<String> lines, CancelToken cancel) throws IOException {
        return ExternalTool.run(command, kubeconfigFiles, lines, cancel);
    }
}
