package dev.crossmesh.verify;

import java.util.List;
import java.util.Optional;

import dev.crossmesh.plan.Finding;

/**
 * The outcome of a check: per cluster the requests' tally and verdict, the mesh's verdict, and the findings that say
 * why a cluster was not reached and how to fix it.
 *
 * @param requests requests each client was to send
 * @param results  one per cluster of the plan, in plan order
 * @param sources  the verdict of each cluster's client, in plan order
 * @param kept     whether the check's namespace was left in place (--keep)
 */
public record VerifyReport(String meshId, int requests, List<String> clusters, List<SourceResult> results, List<SourceVerdict> sources,
        Verdict verdict, List<Finding> findings, boolean kept) {
    public VerifyReport {
        clusters = List.copyOf(clusters);
        results = List.copyOf(results);
        sources = List.copyOf(sources);
        findings = List.copyOf(findings);
    }

    /** {@code ok} when every client reached all it must, {@code failed} when none reached beyond its own cluster, else {@code partial}. */
    static Verdict overall(List<SourceVerdict> sources) {
        if (!sources.isEmpty() && sources.stream().allMatch(s -> s.verdict() == Verdict.OK)) {
            return Verdict.OK;
        }
        return sources.stream().allMatch(s -> s.verdict() == Verdict.FAILED) ? Verdict.FAILED : Verdict.PARTIAL;
    }

    public Optional<SourceResult> result(String from) {
        return results.stream().filter(r -> r.from().equals(from)).findFirst();
    }

    public Optional<SourceVerdict> source(String from) {
        return sources.stream().filter(s -> s.from().equals(from)).findFirst();
    }

    /** Whether every cluster reached every cluster its topology says it must: exit code 0. */
    public boolean ok() {
        return verdict == Verdict.OK;
    }
}
