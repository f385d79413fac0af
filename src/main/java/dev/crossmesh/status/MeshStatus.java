package dev.crossmesh.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.crossmesh.plan.Finding;

/**
 * One immutable snapshot of the live mesh: every cluster of the plan, in plan order, and what is wrong with it.
 * {@link StatusMonitor} publishes a new one whenever something changes; the topology view and the CLI draw them.
 */
public record MeshStatus(String meshId, Instant at, List<ClusterStatus> clusters, List<Finding> findings) {
    public MeshStatus {
        meshId = meshId == null ? "" : meshId;
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    public Optional<ClusterStatus> cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * No error findings and every cluster synced. Warnings (a probe that cannot reach the gateway from here, ...) do
     * not count, but a cluster still connecting or reconnecting does: nothing is known of it, so the mesh cannot be
     * called healthy (a script waiting on {@code crossmesh status} must not go ahead on a cluster that never answered).
     */
    public boolean healthy() {
        return !Finding.anyError(findings) && unsynced().isEmpty();
    }

    /** The clusters not synced (connecting, reconnecting, offline): what is shown of them is unknown or stale. */
    public List<ClusterStatus> unsynced() {
        return clusters.stream().filter(c -> !c.synced()).toList();
    }

    public List<Finding> findingsFor(String cluster) {
        return findings.stream().filter(f -> f.cluster().equals(cluster)).toList();
    }

    /** Whether every cluster has listed everything once or is known to be unreachable. */
    public boolean settled() {
        return clusters.stream().noneMatch(c -> c.state() == ConnectionState.CONNECTING);
    }

    /** Which cluster holds a remote secret for which, against what the plan expects. */
    public RemoteSecretMatrix remoteSecretMatrix() {
        return RemoteSecretMatrix.of(clusters);
    }

    /** Equal in everything but the time stamps. */
    public boolean sameContent(MeshStatus other) {
        if (other == null || !meshId.equals(other.meshId) || !findings.equals(other.findings) || clusters.size() != other.clusters.size()) {
            return false;
        }
        for (int i = 0; i < clusters.size(); i++) {
            if (!clusters.get(i).sameContent(other.clusters.get(i))) {
                return false;
            }
        }
        return true;
    }
}
