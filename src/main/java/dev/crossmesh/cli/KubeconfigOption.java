package dev.crossmesh.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.crossmesh.kube.KubeconfigException;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import picocli.CommandLine.Option;

/** {@code --kubeconfig FILE}, else KUBECONFIG, else ~/.kube/config: found the way kubectl finds it. */
public class KubeconfigOption {
    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig to use; default: $KUBECONFIG (several files merged), else ~/.kube/config")
    Path file;

    public Kubeconfigs kubeconfigs() {
        if (file != null && !Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.USAGE, "kubeconfig " + file + " does not exist or is not a file");
        }
        return Kubeconfigs.locate(file);
    }

    /**
     * The kubeconfig, read once here so that a missing, unreadable or unparsable file stops the command with exit 2
     * before any cluster is asked (a command that reports per cluster would otherwise say "not reachable" for each).
     */
    public Kubeconfigs readable() {
        Kubeconfigs kubeconfigs = kubeconfigs();
        if (!kubeconfigs.anyFileExists()) {
            throw new CliException(ExitCodes.USAGE, "no kubeconfig: " + kubeconfigs.describeFiles() + " does not exist; point at one with --kubeconfig FILE");
        }
        try {
            kubeconfigs.contexts();
        } catch (KubeconfigException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        return kubeconfigs;
    }

    /** Stops with exit 2 when a plan cluster's context is not in the kubeconfig: nothing must go to the wrong cluster. */
    public static void requireContexts(MeshPlan plan, Kubeconfigs kubeconfigs) {
        for (ClusterSpec c : plan.clusters()) {
            try {
                kubeconfigs.context(c.context());
            } catch (KubeconfigException e) {
                throw new CliException(ExitCodes.USAGE, "cluster " + c.name() + ": " + e.getMessage(), e);
            }
        }
    }
}
