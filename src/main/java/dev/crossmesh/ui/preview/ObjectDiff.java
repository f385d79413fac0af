package dev.crossmesh.ui.preview;

/**
 * How one rendered object compares with the live cluster: what applying it would do.
 *
 * @param detail a short note for the user: which fields differ, who owns it, why it could not be read; "" when there is nothing to add
 */
public record ObjectDiff(String cluster, String kind, String namespace, String name, Change change, String detail) {
    public enum Change {
        /** Not in the cluster: apply creates it. */
        CREATE("create"),
        /** In the cluster and different: apply updates it. */
        UPDATE("update"),
        /** In the cluster as rendered: apply leaves it as it is. */
        UNCHANGED("unchanged"),
        /** In the cluster without crossmesh's labels: apply leaves it alone (the detail says who owns it). */
        NOT_OWNED("not-owned"),
        /** Another tool set a field the plan sets to another value: apply leaves it unless Take over (the detail names the tool). */
        CONFLICT("conflict"),
        /** A step that always runs, such as istioctl install. */
        RUN("run"),
        /** A step left to the user, such as installing the control plane by hand. */
        MANUAL("manual"),
        /** Left out on purpose. */
        SKIPPED("skipped"),
        /** The live object could not be read (no permission, a server error). */
        UNREADABLE("unreadable");

        private final String label;

        Change(String label) {
            this.label = label;
        }

        /** The badge's text, e.g. {@code not-owned}. */
        public String label() {
            return label;
        }
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
