package dev.crossmesh.kube;

import java.util.List;

/** What {@code crossmesh apply} would do, per cluster and object, before it does anything. */
public record MeshDiff(List<ClusterDiff> clusters) {
    public MeshDiff {
        clusters = List.copyOf(clusters);
    }

    public boolean hasChanges() {
        return clusters.stream().flatMap(c -> c.changes().stream()).anyMatch(c -> c.change().changes());
    }

    public boolean allReachable() {
        return clusters.stream().allMatch(ClusterDiff::reachable);
    }

    public long count(ChangeKind kind) {
        return clusters.stream().mapToLong(c -> c.count(kind)).sum();
    }

    /** {@code 3 to create, 1 to update, 9 unchanged, 1 not owned}: the closing line of a diff. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(count(ChangeKind.CREATE)).append(" to create, ").append(count(ChangeKind.UPDATE)).append(" to update, ")
                .append(count(ChangeKind.UNCHANGED)).append(" unchanged");
        appendIf(s, count(ChangeKind.NOT_OWNED), " not owned (left alone without --force)");
        appendIf(s, count(ChangeKind.CONFLICT), " in conflict with another field manager (left alone without --force)");
        appendIf(s, count(ChangeKind.RUN), " step(s) to run");
        appendIf(s, count(ChangeKind.MANUAL), " manual step(s)");
        appendIf(s, count(ChangeKind.UNREADABLE), " unreadable");
        long down = clusters.stream().filter(c -> !c.reachable()).count();
        appendIf(s, down, " cluster(s) not compared");
        return s.toString();
    }

    private static void appendIf(StringBuilder s, long n, String what) {
        if (n > 0) {
            s.append(", ").append(n).append(what);
        }
    }
}
