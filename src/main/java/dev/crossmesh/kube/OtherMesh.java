package dev.crossmesh.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.crossmesh.plan.ControlCharacters;
import dev.crossmesh.render.Labels;

/**
 * Another crossmesh mesh on a cluster: istio-system, the cacerts Secret or the east-west gateway's Service labelled
 * {@code crossmesh.dev/mesh} with another meshId than the plan's. Such a cluster already belongs to a mesh (its istiod,
 * its root of trust, its network): crossmesh changes nothing there without {@code --force}, not even a remote secret,
 * since a remote secret in its istio-system would make that mesh's istiod read the plan's clusters.
 *
 * @param meshId  the other mesh's id
 * @param objects the objects that carry its label, as "Namespace istio-system"
 */
record OtherMesh(String meshId, List<String> objects) {
    OtherMesh {
        objects = List.copyOf(objects);
    }

    /** What holds the mark of a mesh: the namespace crossmesh labels, its root of trust and its gateway. */
    private record Marked(String apiVersion, String kind, String namespace, String name) {
        String shown() {
            return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
        }
    }

    private static final List<Marked> MARKED = List.of(
            new Marked("v1", "Namespace", "", Labels.ISTIO_NAMESPACE),
            new Marked("v1", "Secret", Labels.ISTIO_NAMESPACE, "cacerts"),
            new Marked("v1", "Service", Labels.ISTIO_NAMESPACE, Labels.EASTWEST_NAME));

    /** The first other mesh found on the cluster (reads three objects); empty when none is there. */
    static Optional<OtherMesh> on(ClusterObjects api, String planMeshId) {
        String other = null;
        List<String> objects = new ArrayList<>();
        for (Marked m : MARKED) {
            Map<String, Object> live = api.get(m.apiVersion(), m.kind(), m.namespace(), m.name());
            String mesh = live == null ? null : of(live, planMeshId).orElse(null);
            if (mesh != null && (other == null || other.equals(mesh))) {
                other = mesh;
                objects.add(m.shown());
            }
        }
        return other == null ? Optional.empty() : Optional.of(new OtherMesh(other, objects));
    }

    /** The other mesh an object is labelled with, if it is one. */
    static Optional<String> of(Map<String, Object> live, String planMeshId) {
        String mesh = ObjectFields.labels(live).get(Labels.MESH);
        return mesh == null || mesh.equals(planMeshId) ? Optional.empty() : Optional.of(mesh);
    }

    /** The mesh id as messages show it: escaped, since a label value comes from the cluster. */
    String shownId() {
        return "'" + ControlCharacters.escape(meshId) + "'";
    }

    /** Why crossmesh leaves the cluster alone, and what the user can do, in one sentence. */
    String reason(String cluster, String planMeshId) {
        return "cluster " + cluster + " holds another crossmesh mesh, " + shownId() + " (" + String.join(", ", objects) + " labelled "
                + Labels.MESH + "=" + ControlCharacters.escape(meshId) + "), and crossmesh changes nothing of it: to join that mesh, set"
                + " the plan's meshId to " + shownId() + "; to move this cluster to mesh '" + ControlCharacters.escape(planMeshId)
                + "', uninstall " + shownId() + " there first (crossmesh uninstall with its plan), or run apply with --force to take it over";
    }
}
