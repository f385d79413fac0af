package dev.crossmesh.render;

/** How a manifest reaches its cluster. */
public enum ApplyMethod {
    /** Sent to the API server (kubectl apply). */
    API,
    /** An IstioOperator installed with {@code istioctl install -f}, or applied as a resource where the Istio operator runs. */
    ISTIOCTL,
    /** The east-west gateway as an istioctl overlay: an export-only alternative to the plain gateway objects. */
    ALTERNATIVE,
    /** A remote secret; its token and CA are read from the source cluster at apply time. */
    REMOTE_SECRET
}
