package dev.crossmesh.kube;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account of an apply: per cluster, what was applied, what was already as desired, what failed and what was
 * not attempted, with the gateway addresses found. Complete even when cancelled or failed half-way.
 *
 * @param clusters         per cluster name, in plan order
 * @param gatewayAddresses per cluster name, the east-west gateway's address (ip or hostname) where one was found
 * @param cancelled        the run was cancelled; steps not taken are NOT_ATTEMPTED
 * @param dryRun           nothing was changed: APPLIED means "would be applied"
 */
public record ApplyResult(Map<String, ClusterResult> clusters, Map<String, String> gatewayAddresses, boolean cancelled, boolean dryRun) {
    public ApplyResult {
        clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
        gatewayAddresses = Collections.unmodifiableMap(new LinkedHashMap<>(gatewayAddresses));
    }

    /** One cluster's steps in the order they were taken (or would have been). */
    public record ClusterResult(String cluster, List<StepOutcome> steps) {
        public ClusterResult {
            steps = List.copyOf(steps);
        }

        public List<StepOutcome> with(StepOutcome.Status status) {
            return steps.stream().filter(s -> s.status() == status).toList();
        }

        public List<StepOutcome> applied() {
            return with(StepOutcome.Status.APPLIED);
        }

        public List<StepOutcome> unchanged() {
            return with(StepOutcome.Status.UNCHANGED);
        }

        public List<StepOutcome> failed() {
            return steps.stream().filter(s -> s.status() == StepOutcome.Status.FAILED || s.status() == StepOutcome.Status.REFUSED).toList();
        }

        public List<StepOutcome> notAttempted() {
            return with(StepOutcome.Status.NOT_ATTEMPTED);
        }

        public boolean succeeded() {
            return steps.stream().noneMatch(StepOutcome::isProblem);
        }
    }

    /** Every step of every cluster applied or already as desired (skipped steps such as a manual control plane allowed). */
    public boolean succeeded() {
        return !cancelled && clusters.values().stream().allMatch(ClusterResult::succeeded);
    }

    /** Whether anything was (or, in a dry run, would be) changed. */
    public boolean changedAnything() {
        return clusters.values().stream().anyMatch(c -> !c.applied().isEmpty());
    }

    public long count(StepOutcome.Status status) {
        return clusters.values().stream().mapToLong(c -> c.with(status).size()).sum();
    }

    /** {@code 12 applied, 3 unchanged, 1 failed, 2 not attempted}. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(count(StepOutcome.Status.APPLIED)).append(dryRun ? " would be applied" : " applied")
                .append(", ").append(count(StepOutcome.Status.UNCHANGED)).append(" unchanged");
        for (StepOutcome.Status status : List.of(StepOutcome.Status.SKIPPED, StepOutcome.Status.REFUSED, StepOutcome.Status.FAILED,
                StepOutcome.Status.NOT_ATTEMPTED)) {
            long n = count(status);
            if (n > 0) {
                s.append(", ").append(n).append(' ').append(status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
        }
        if (cancelled) {
            s.append(" (cancelled)");
        }
        return s.toString();
    }
}
