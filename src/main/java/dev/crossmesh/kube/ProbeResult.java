package dev.crossmesh.kube;

/**
 * What one look at a cluster found: whether its API server answered, its Kubernetes version, and the region its
 * nodes say they are in.
 *
 * @param server  the API server URL from the kubeconfig, or "" when the context is unknown
 * @param version the server's git version such as {@code v1.30.4}; "" when unreachable
 * @param region  the most common {@code topology.kubernetes.io/region} node label; "" when the cluster does not tell
 * @param problem why the cluster could not be reached, in words a user can act on; "" when reachable
 */
public record ProbeResult(String context, String server, boolean reachable, String version, String region, String problem) {
    public ProbeResult {
        server = server == null ? "" : server;
        version = version == null ? "" : version;
        region = region == null ? "" : region;
        problem = problem == null ? "" : problem;
    }

    public static ProbeResult reachable(String context, String server, String version, String region) {
        return new ProbeResult(context, server, true, version, region, "");
    }

    public static ProbeResult unreachable(String context, String server, String problem) {
        return new ProbeResult(context, server, false, "", "", problem);
    }
}
