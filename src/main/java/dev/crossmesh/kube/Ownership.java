package dev.crossmesh.kube;

import java.util.Map;

import dev.crossmesh.render.Labels;

/**
 * How crossmesh marks what it owns, so that re-apply, diff and uninstall touch only that. Objects it creates carry
 * {@code app.kubernetes.io/managed-by: crossmesh} and {@code crossmesh.dev/mesh: <meshId>}. The istio-system
 * Namespace is often there before crossmesh: it then only merges labels in, and records on the namespace what it
 * added, so that uninstall can take exactly that out again.
 */
public final class Ownership {
    /** On istio-system: "true" when crossmesh created the namespace (uninstall may then delete it, if empty). */
    public static final String CREATED_NAMESPACE = "crossmesh.dev/created-namespace";
    /** On istio-system: comma-separated label keys crossmesh added. */
    public static final String ADDED_LABELS = "crossmesh.dev/added-labels";
    /** On istio-system: comma-separated annotation keys crossmesh added. */
    public static final String ADDED_ANNOTATIONS = "crossmesh.dev/added-annotations";
    /** On istio-system: JSON object of the label values --force replaced, restored by uninstall. */
    public static final String REPLACED_LABELS = "crossmesh.dev/replaced-labels";
    /** On an object that existed before crossmesh and was taken over with --force: uninstall leaves it in place. */
    public static final String ADOPTED = "crossmesh.dev/adopted";

    private Ownership() {
    }

    /** Whether the object carries this mesh's crossmesh labels. */
    static boolean ownedBy(Map<String, Object> object, String meshId) {
        Map<String, String> labels = ObjectFields.labels(object);
        return Labels.MANAGED_BY_VALUE.equals(labels.get(Labels.MANAGED_BY)) && meshId.equals(labels.get(Labels.MESH));
    }

    /** Why an object is not ours, in words a user can act on. */
    static String foreignReason(Map<String, Object> object, String meshId) {
        Map<String, String> labels = ObjectFields.labels(object);
        String manager = labels.get(Labels.MANAGED_BY);
        if (Labels.MANAGED_BY_VALUE.equals(manager)) {
            return "it belongs to crossmesh mesh '" + labels.getOrDefault(Labels.MESH, "?") + "', not '" + meshId + "'";
        }
        if (manager != null) {
            return "it exists and is managed by " + manager + " (" + Labels.MANAGED_BY + ": " + manager + ")";
        }
        return "it exists without " + Labels.MANAGED_BY + ": " + Labels.MANAGED_BY_VALUE + ", so crossmesh did not create it";
    }
}
