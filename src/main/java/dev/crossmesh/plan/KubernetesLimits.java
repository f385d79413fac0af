package dev.crossmesh.plan;

/** Limits the Kubernetes API server enforces on what crossmesh renders from a plan, checked before anything is sent. */
final class KubernetesLimits {
    /** apimachinery's TotalAnnotationSizeLimitB: the names and values of one object's annotations, in bytes. */
    static final int ANNOTATIONS_TOTAL_BYTES = 256 * 1024;
    /**
     * With a revision istioctl names istiod's Service {@code istiod-<revision>}, and a Service name is a DNS-1035 label
     * (at most 63): the longest name a revision makes (Istio's
     * manifests/charts/istio-control/istio-discovery/templates/service.yaml). (The other revisioned names, ConfigMaps and webhooks, allow 253.)
     */
    static final String ISTIOD_SERVICE_PREFIX = "istiod-";

    private KubernetesLimits() {
    }
}
