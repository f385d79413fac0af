package dev.crossmesh.plan;

/**
 * Stable codes of plan findings. Codes never change meaning once released; scripts and the README refer to them.
 * Preflight findings use CM1xx, live-status findings CM2xx.
 */
public final class PlanCodes {
    public static final String MESH_ID = "CM001";
    public static final String TRUST_DOMAIN = "CM002";
    public static final String UNKNOWN_KEY = "CM003";
    public static final String UNKNOWN_VALUE = "CM004";
    public static final String WRONG_TYPE = "CM005";
    public static final String TOO_FEW_CLUSTERS = "CM006";
    public static final String CLUSTER_NAME = "CM007";
    public static final String DUPLICATE_CLUSTER_NAME = "CM008";
    public static final String NETWORK = "CM009";
    public static final String CONTEXT_MISSING = "CM010";
    public static final String DUPLICATE_CONTEXT = "CM011";
    public static final String SINGLE_NETWORK = "CM012";
    public static final String NO_PRIMARY = "CM013";
    public static final String REMOTE_IN_MULTI_PRIMARY = "CM014";
    public static final String MESH_CA_NEEDS_ASM = "CM015";
    public static final String API_SERVER_NOT_HTTPS = "CM016";
    public static final String API_SERVER_LOCAL = "CM017";
    public static final String VERSION_UNPARSEABLE = "CM018";
    public static final String VERSION_TOO_OLD = "CM019";
    public static final String REVISION = "CM020";
    public static final String REGION = "CM021";
    public static final String ANNOTATION_KEY = "CM022";
    public static final String DUPLICATE_KEY = "CM023";
    public static final String MESH_CA_TRUST_DOMAIN = "CM024";
    public static final String GATEWAY_INJECTION_VERSION = "CM025";
    public static final String CONTROL_CHARACTER = "CM026";
    // CM027 is preflight's (the live cacerts' root), see dev.crossmesh.kube.PreflightCodes
    public static final String ANNOTATIONS_TOO_LARGE = "CM028";
    public static final String OBJECT_NAME_TOO_LONG = "CM029";
    public static final String API_SERVER_CREDENTIALS = "CM030";
    public static final String API_SERVER_EXTRA_PARTS = "CM031";
    public static final String VERSION_UNSUPPORTED = "CM040";
    public static final String VERSION_UNKNOWN_NEWER = "CM041";
    public static final String VERSION_PRERELEASE = "CM042";
    public static final String REMOTE_NEEDS_RELEASE = "CM043";
    public static final String TLS_SERVER_NAME = "CM044";
    public static final String TLS_SERVER_NAME_VERSION = "CM045";
    /** verify.imageRegistry is not a registry host and path. */
    public static final String VERIFY_IMAGE_REGISTRY = "CM046";

    private PlanCodes() {
    }
}
