package dev.crossmesh.status;

/**
 * Stable codes of live-status findings (CM200-CM249). A code never changes meaning once released; scripts and the
 * README refer to them.
 */
public final class StatusCodes {
    /** error: the cluster cannot be reached or used (unknown context, refused connection, credentials rejected). */
    public static final String CLUSTER_OFFLINE = "CM200";
    /** warning: the watches are (re)connecting; the cluster's row shows the last known state. */
    public static final String CLUSTER_NOT_SYNCED = "CM201";
    /** error: no istio-system namespace. */
    public static final String ISTIO_NAMESPACE_MISSING = "CM202";
    /** error: istio-system has no topology.istio.io/network label. */
    public static final String NETWORK_LABEL_MISSING = "CM203";
    /** error: istio-system's network label differs from the plan. */
    public static final String NETWORK_LABEL_WRONG = "CM204";
    /** error: a primary runs no istiod. */
    public static final String ISTIOD_MISSING = "CM205";
    /** error when no istiod pod is ready, warning when some are not. */
    public static final String ISTIOD_NOT_READY = "CM206";
    /** error: the live meshID differs from the plan's. */
    public static final String MESH_ID_MISMATCH = "CM207";
    /** error: istiod's CLUSTER_ID differs from the plan's cluster name. */
    public static final String CLUSTER_NAME_MISMATCH = "CM208";
    /** error: the live trust domain differs from the plan's. */
    public static final String TRUST_DOMAIN_MISMATCH = "CM209";
    /** error: no east-west gateway Service. */
    public static final String GATEWAY_SERVICE_MISSING = "CM210";
    /** error: a LoadBalancer gateway without an address. */
    public static final String GATEWAY_NO_ADDRESS = "CM211";
    /** warning: a NodePort gateway: reachable only through node addresses. */
    public static final String GATEWAY_NODE_PORT = "CM212";
    /** error: the gateway Service's network label is missing or differs from the plan. */
    public static final String GATEWAY_NETWORK_LABEL = "CM213";
    /** error: the gateway Service does not expose 15443. */
    public static final String GATEWAY_PORT_MISSING = "CM214";
    /** error when no gateway pod is ready, warning when some are not. */
    public static final String GATEWAY_PODS_NOT_READY = "CM215";
    /** error: the gateway answered its readiness probe with something other than 200. */
    public static final String GATEWAY_PROBE_NOT_READY = "CM216";
    /** warning: no answer to the readiness probe from this machine (which is not the same as down). */
    public static final String GATEWAY_PROBE_UNREACHABLE = "CM217";
    /** error: no Gateway binds 15443 with AUTO_PASSTHROUGH on the east-west gateway. */
    public static final String CROSS_NETWORK_GATEWAY_MISSING = "CM218";
    /** error: two Gateways bind 15443 on the same selector (istio#42050, IST0145). */
    public static final String DUPLICATE_CROSS_NETWORK_GATEWAYS = "CM219";
    /** error: the API server serves no networking.istio.io Gateway (Istio's CRDs are not installed). */
    public static final String GATEWAY_CRD_MISSING = "CM220";
    /** error: a remote secret the plan needs is missing. */
    public static final String REMOTE_SECRET_MISSING = "CM221";
    /** warning: a remote secret the plan does not expect (unknown cluster, own cluster, or not needed). */
    public static final String REMOTE_SECRET_EXTRA = "CM222";
    /** warning: two remote secrets register the same cluster; istiod ignores the second. */
    public static final String REMOTE_SECRET_DUPLICATE = "CM223";
    /** error (shared-root) or warning (existing): no cacerts Secret, so istiod makes its own self-signed root. */
    public static final String CACERTS_MISSING = "CM224";
    /** error: clusters trust different root certificates. */
    public static final String ROOT_CERTS_DIFFER = "CM225";
    /** warning: the plugged-in root (cacerts) is not the root istiod distributes: istiod has not picked it up. */
    public static final String ROOT_CERT_NOT_ROLLED_OUT = "CM226";
    /** warning: the live Istio minor version differs from the plan's. */
    public static final String ISTIO_VERSION_DIFFERS = "CM227";
    /** error: a remote secret is there, but istiod gave up syncing its cluster (timeout, closed) on /debug/clusterz. */
    public static final String REMOTE_CLUSTER_NOT_SYNCED = "CM228";
    /** warning: a remote secret is there, and istiod is still syncing its cluster or has not loaded the secret yet. */
    public static final String REMOTE_CLUSTER_SYNCING = "CM229";
    /** error: a remote secret's kubeconfig does not parse or names no server: istiod cannot read that cluster. */
    public static final String REMOTE_SECRET_UNUSABLE = "CM230";

    private StatusCodes() {
    }
}
