package dev.crossmesh.verify;

/**
 * Stable codes of {@code crossmesh verify} findings (CM300-CM349). A code never changes meaning once released; scripts
 * and the README refer to them.
 */
public final class VerifyCodes {
    /** error: the cluster could not be checked (unknown context, API server unreachable, the check's objects refused). */
    public static final String CLUSTER_UNAVAILABLE = "CM300";
    /** error: a pod of the check has no istio-proxy container: injection is not enabled for the namespace, or not for its revision. */
    public static final String NO_SIDECAR = "CM301";
    /** error: the check's pods were not ready within --timeout. */
    public static final String PODS_NOT_READY = "CM302";
    /** error: the client's requests could not be run through the exec API. */
    public static final String EXEC_FAILED = "CM303";
    /** warning: the check's namespace could not be removed. */
    public static final String CLEANUP_FAILED = "CM304";
    /** error: no istiod that configures the client's cluster holds a remote secret for the cluster that did not answer. */
    public static final String NO_REMOTE_SECRET = "CM310";
    /** error: the network of the cluster that did not answer has no east-west gateway with an address. */
    public static final String NO_GATEWAY_ADDRESS = "CM311";
    /** error: that network's east-west gateway has no ready pod. */
    public static final String GATEWAY_NOT_READY = "CM312";
    /** error: no Gateway opens 15443 with AUTO_PASSTHROUGH there. */
    public static final String NO_CROSS_NETWORK_GATEWAY = "CM313";
    /** error: the two clusters trust different root certificates (the proxies' mTLS fails: a TLS error). */
    public static final String DIFFERENT_ROOTS = "CM314";
    /** error: istio-system of one of the two clusters has no topology.istio.io/network label. */
    public static final String NETWORK_LABEL_MISSING = "CM315";
    /** error: the cluster that did not answer is offline (or runs no ready helloworld pod). */
    public static final String TARGET_UNAVAILABLE = "CM316";
    /** error: that istiod holds the remote secret but reports the cluster not synced on /debug/clusterz (istiod's reason quoted). */
    public static final String REMOTE_CLUSTER_NOT_SYNCED = "CM317";
    /** warning: the check was cancelled before every request was sent. */
    public static final String CANCELLED = "CM305";
    /** error: a cluster was not reached and the live state does not say why; the requests' errors are quoted. */
    public static final String UNEXPLAINED = "CM319";

    private VerifyCodes() {
    }
}
