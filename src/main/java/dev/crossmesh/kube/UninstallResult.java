package dev.crossmesh.kube;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account of an uninstall, per cluster in the order the steps were taken. In {@link StepOutcome}: APPLIED means
 * removed (or, for istio-system, cleaned), UNCHANGED already gone, SKIPPED kept on purpose (the message says why).
 */
public record UninstallResult(Map<String, List<StepOutcome>> clusters, boolean cancelled) {
    public UninstallResult {
        Map<String, List<StepOutcome>> copy = new LinkedHashMap<>();
        clusters.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        clusters = Collections.unmodifiableMap(copy);
    }

    public boolean succeeded() {
        return !cancelled && clusters.values().stream().flatMap(List::stream).noneMatch(StepOutcome::isProblem);
    }

    public long count(StepOutcome.Status status) {
        return clusters.values().stream().flatMap(List::stream).filter(s -> s.status() == status).count();
    }

    public String summary() {
        return count(StepOutcome.Status.APPLIED) + " removed, " + count(StepOutcome.Status.SKIPPED) + " kept"
                + (count(StepOutcome.Status.UNCHANGED) > 0 ? ", " + count(StepOutcome.Status.UNCHANGED) + " already gone" : "")
                + (count(StepOutcome.Status.FAILED) > 0 ? ", " + count(StepOutcome.Status.FAILED) + " failed" : "")
                + (count(StepOutcome.Status.NOT_ATTEMPTED) > 0 ? ", " + count(StepOutcome.Status.NOT_ATTEMPTED) + " not attempted" : "")
                + (cancelled ? " (cancelled)" : "");
    }
}
