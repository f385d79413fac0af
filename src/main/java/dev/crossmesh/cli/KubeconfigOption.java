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
