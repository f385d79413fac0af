package dev.crossmesh.kube;

/**
 * Stable codes of preflight findings (CM100-CM149, and CM027-CM039 for checks added with the hostile-input review).
 * Codes never change meaning once released; the README's table documents each one. Plan findings use CM0xx
 * ({@link dev.crossmesh.plan.PlanCodes}).
 */
public final class PreflightCodes {
    /** error: the cluster's context is not in the kubeconfig. */
    public static final String CONTEXT_UNKNOWN = "CM100";
    /** error: the API server does not answer (connection refused, timeout, TLS). */
    public static final String UNREACHABLE = "CM101";
    /** error: the API server rejects the context's credentials (401). */
    public static final String UNAUTHORIZED = "CM102";
    /** error: SelfSubjectAccessReview says a write apply needs is not allowed. */
    public static final String PERMISSION_DENIED = "CM103";
    /** error or warning: the Istio Gateway CRD is missing. */
    public static final String GATEWAY_CRD_MISSING = "CM104";
    /** error: the operator path is asked for and the IstioOperator CRD is missing. */
    public static final String OPERATOR_CRD_MISSING = "CM105";
    /** error: istio-system (or the installed Istio) is on another network than the plan says. */
    public static final String NETWORK_CONFLICT = "CM106";
    /** error: an installed Istio has another meshID. */
    public static final String MESH_ID_CONFLICT = "CM107";
    /** error: an installed Istio has another clusterName. */
    public static final String CLUSTER_NAME_CONFLICT = "CM108";
    /** error: two clusters' contexts point at the same API server. */
    public static final String SAME_API_SERVER = "CM109";
    /** error (warning with ca: shared-root): the clusters' existing root certificates differ. */
    public static final String ROOT_CERT_MISMATCH = "CM110";
    /** warning: a cacerts Secret exists that crossmesh did not create; apply leaves it unless --force. */
    public static final String CACERTS_NOT_OWNED = "CM111";
    /** warning: the remote secrets would carry a loopback API server address. */
    public static final String LOCAL_API_SERVER = "CM112";
    /** warning (error with --control-plane istioctl): the control plane cannot be installed by crossmesh here. */
    public static final String CONTROL_PLANE_MANUAL = "CM113";
    /** warning: a check could not be made (the read failed for another reason than the ones above). */
    public static final String CHECK_FAILED = "CM114";
    /** warning (error when crossmesh did not create it): a cacerts Secret plugs in another root than the mesh CA folder's. */
    public static final String CACERTS_OTHER_ROOT = "CM027";
    /** error: the cluster holds another crossmesh mesh (istio-system, cacerts or the gateway labelled with its meshId). */
    public static final String OTHER_MESH = "CM032";

    private PreflightCodes() {
    }
}
