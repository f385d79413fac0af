package dev.crossmesh.ui.preview;

/**
 * How one rendered object compares with the live cluster: what applying it would do.
 *
 * @param detail a short note for the user, e.g. which fields differ; "" when there is nothing to add
 */
public record ObjectDiff(String cluster, String kind, String namespace, String name, Change change, String detail) {
    public enum Change {
        /** Not in the cluster: apply creates it. */
        CREATE,
        /** In the cluster and different: apply updates it. */
        UPDATE,
        /** In the cluster as rendered: apply leaves it as it is. */
        UNCHANGED
    }

    public ObjectDiff {
        namespace = namespace == null ? "" : namespace;
        detail = detail == null ? "" : detail;
    }

    /** Matches {@link PreviewFile#key()}. */
    public String key() {
        return PreviewFile.key(cluster, kind, namespace, name);
    }
}
