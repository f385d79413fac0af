package dev.crossmesh.kube;

/**
 * One thing uninstall does (or deliberately does not do) in one cluster.
 *
 * @param namespace "" for cluster-scoped objects
 * @param detail    why, or what exactly (which labels come off, why something stays)
 */
public record UninstallAction(String cluster, Action action, String apiVersion, String kind, String namespace, String name, String detail) {
    public enum Action {
        /** crossmesh created it: deleted. */
        DELETE,
        /** existed before crossmesh and was taken over with --force: stays, crossmesh's labels come off. */
        RELEASE,
        /** istio-system: the labels and annotations crossmesh added come off; deleted only if crossmesh created it and it is empty. */
        NAMESPACE,
        /** stays, and the detail says why (and, for a control plane installed with istioctl, how to remove it). */
        KEEP
    }

    public UninstallAction {
        namespace = namespace == null ? "" : namespace;
        detail = detail == null ? "" : detail;
    }

    public UninstallAction withDetail(String value) {
        return new UninstallAction(cluster, action, apiVersion, kind, namespace, name, value);
    }

    /** {@code Secret istio-system/cacerts}. */
    public String object() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    /** {@code - delete   Secret istio-system/cacerts}: one line as the CLI prints it. */
    public String toLine() {
        String verb = switch (action) {
            case DELETE -> "- delete    ";
            case RELEASE -> "~ release   ";
            case NAMESPACE -> "~ namespace ";
            case KEEP -> "= keep      ";
        };
        return verb + object() + (detail.isEmpty() ? "" : ": " + detail);
    }
}
