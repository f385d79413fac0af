package dev.crossmesh.verify;

import java.util.List;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Topology;

/**
 * Whether one cluster's client reached every cluster its topology says it must.
 *
 * @param expected the clusters whose endpoints its istiod hands out: in multi-primary every cluster; in primary-remote
 *                 the clusters the serving primary holds remote secrets for, and that primary
 * @param reached  the expected clusters that answered at least once
 * @param missing  the expected clusters that never answered
 */
public record SourceVerdict(String from, Verdict verdict, List<String> expected, List<String> reached, List<String> missing) {
    public SourceVerdict {
        expected = List.copyOf(expected);
        reached = List.copyOf(reached);
        missing = List.copyOf(missing);
    }

    /** The clusters a client in {@code source} must reach, in plan order. */
    public static List<String> expected(MeshPlan plan, ClusterSpec source) {
        if (plan.topology() == Topology.MULTI_PRIMARY) {
            return plan.clusters().stream().map(ClusterSpec::name).toList();
        }
        ClusterSpec istiod = source.isPrimary() ? source : plan.primaryFor(source).orElse(source);
        List<String> seen = new java.util.ArrayList<>(plan.remoteSecretSources(istiod).stream().map(ClusterSpec::name).toList());
        seen.add(istiod.name());
        return plan.clusters().stream().map(ClusterSpec::name).filter(seen::contains).toList();
    }

    /** {@code ok}: every expected cluster answered; {@code failed}: none but its own did (or nothing at all); else {@code partial}. */
    public static SourceVerdict of(MeshPlan plan, ClusterSpec source, SourceResult result) {
        List<String> expected = expected(plan, source);
        List<String> reached = expected.stream().filter(c -> result.answers(c) > 0).toList();
        List<String> missing = expected.stream().filter(c -> result.answers(c) == 0).toList();
        Verdict verdict = missing.isEmpty() && !reached.isEmpty() ? Verdict.OK
                : reached.stream().anyMatch(c -> !c.equals(source.name())) ? Verdict.PARTIAL : Verdict.FAILED;
        return new SourceVerdict(source.name(), verdict, expected, reached, missing);
    }
}
