package dev.crossmesh.ui.topology;

import java.time.Instant;

import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.Severity;

/**
 * A status finding as the findings panel lists it.
 *
 * @param firstSeen the time of the first snapshot that had it: the panel lists the newest first
 */
public record FindingRow(Finding finding, Instant firstSeen) {
    public Severity severity() {
        return finding.severity();
    }

    public String code() {
        return finding.code();
    }

    /** The cluster it concerns, or "" for the mesh as a whole. */
    public String cluster() {
        return finding.cluster();
    }

    /** What is wrong and what to do about it. */
    public String message() {
        return finding.message();
    }

    public Health health() {
        return finding.isError() ? Health.ERROR : Health.WARNING;
    }

    /** Identifies "the same finding" across snapshots. */
    String key() {
        return finding.severity() + "|" + finding.code() + "|" + finding.cluster() + "|" + finding.path() + "|" + finding.message();
    }
}
