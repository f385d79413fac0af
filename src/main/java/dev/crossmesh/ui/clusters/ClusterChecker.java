package dev.crossmesh.ui.clusters;

import dev.crossmesh.kube.ClusterProbe;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.kube.ProbeResult;

/** Looks at one cluster through the kubeconfig (blocking; the step runs it in the background). */
@FunctionalInterface
public interface ClusterChecker {
    ProbeResult check(Kubeconfigs kubeconfigs, String context);

    /** The real thing: the API server's version and the region in its node labels. */
    static ClusterChecker kubernetes() {
        return ClusterProbe::probe;
    }
}
