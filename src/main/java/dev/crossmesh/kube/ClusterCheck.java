package dev.crossmesh.kube;

import java.util.List;

/**
 * What preflight learned about one cluster.
 *
 * @param kubernetesVersion e.g. {@code v1.30.4}, or "" when unreachable
 * @param error             why the cluster could not be checked, or ""
 * @param controlPlane      how apply would install the control plane here, in words
 * @param notes             facts worth showing that are not problems (demo cluster, CRDs that come with istioctl)
 */
public record ClusterCheck(String cluster, String context, String server, boolean reachable, String kubernetesVersion, String error,
        String controlPlane, List<String> notes) {
    public ClusterCheck {
        notes = List.copyOf(notes);
        error = error == null ? "" : error;
        kubernetesVersion = kubernetesVersion == null ? "" : kubernetesVersion;
        controlPlane = controlPlane == null ? "" : controlPlane;
        server = server == null ? "" : server;
    }
}
