package dev.crossmesh.kube;

import java.util.List;

/**
 * The diff of one cluster.
 *
 * @param demo  whether the context is a crossmesh demo cluster (so the output can say so)
 * @param error why the cluster could not be compared at all (unknown context, unreachable), or ""
 */
public record ClusterDiff(String cluster, String context, String server, boolean demo, List<ObjectChange> changes, String error) {
    public ClusterDiff {
        changes = List.copyOf(changes);
        error = error == null ? "" : error;
    }

    public boolean reachable() {
        return error.isEmpty();
    }

    public long count(ChangeKind kind) {
        return changes.stream().filter(c -> c.change() == kind).count();
    }
}
