package dev.crossmesh.kube;

import java.util.List;

/**
 * The diff of one cluster.
 *
 * @param error why the cluster could not be compared at all (unknown context, unreachable), or ""
 */
public record ClusterDiff(String cluster, String context, String server, List<ObjectChange> changes, String error) {
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
