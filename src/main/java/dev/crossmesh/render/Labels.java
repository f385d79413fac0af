package dev.crossmesh.render;

/** Label and annotation names crossmesh writes and Istio reads. */
public final class Labels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "crossmesh";
    public static final String MESH = "crossmesh.dev/mesh";
    public static final String NETWORK = "topology.istio.io/network";
    public static final String REVISION = "istio.io/rev";
    public static final String DATAPLANE_MODE = "istio.io/dataplane-mode";
    public static final String MULTI_CLUSTER_SECRET = "istio/multiCluster";
    /** Put by the Istio operator on what it installs: the name of the IstioOperator it installed it for. */
    public static final String OPERATOR_OWNING_RESOURCE = "install.operator.istio.io/owning-resource";
    public static final String CLUSTER_ANNOTATION = "networking.istio.io/cluster";
    public static final String CONTROL_PLANE_CLUSTERS = "topology.istio.io/controlPlaneClusters";
    public static final String ISTIO_SELECTOR = "istio";
    public static final String EASTWEST_SELECTOR_VALUE = "eastwestgateway";

    public static final String ISTIO_NAMESPACE = "istio-system";
    /** Where {@code crossmesh verify} deploys its check (removed afterwards unless --keep; uninstall removes it too). */
    public static final String VERIFY_NAMESPACE = "crossmesh-verify";
    public static final String EASTWEST_NAME = "istio-eastwestgateway";
    public static final String CROSS_NETWORK_GATEWAY = "cross-network-gateway";
    public static final String REMOTE_SECRET_PREFIX = "istio-remote-secret-";
    public static final String READER_SERVICE_ACCOUNT = "istio-reader-service-account";

    private Labels() {
    }

    public static String remoteSecretName(String sourceCluster) {
        return REMOTE_SECRET_PREFIX + sourceCluster;
    }
}
