package dev.crossmesh.kube;

import java.util.List;

import dev.crossmesh.plan.Finding;

/** Preflight's answer: per cluster reachability and version, and the findings (plan validation first, then CM1xx). */
public record PreflightReport(List<ClusterCheck> clusters, List<Finding> findings) {
    public PreflightReport {
        clusters = List.copyOf(clusters);
        findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
        return Finding.anyError(findings);
    }

    public long errorCount() {
        return findings.stream().filter(Finding::isError).count();
    }

    public long warningCount() {
        return findings.size() - errorCount();
    }
}
