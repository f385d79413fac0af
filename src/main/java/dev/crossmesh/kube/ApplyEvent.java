package dev.crossmesh.kube;

import java.time.Instant;

/**
 * One step of progress of an apply or uninstall, for the CLI to print and the GUI to show. Messages never hold a
 * token or a private key.
 *
 * @param cluster the cluster concerned, or "" for the mesh as a whole
 * @param step    what the step is about: an object ({@code Secret istio-system/cacerts}) or a step
 *                ({@code control plane}, {@code gateway address}, {@code remote secret from cluster-2})
 */
public record ApplyEvent(Instant time, String cluster, String step, Kind kind, String message) {
    public enum Kind { STARTED, DONE, UNCHANGED, WAITING, FAILED, SKIPPED, INFO }

    public ApplyEvent {
        cluster = cluster == null ? "" : cluster;
        step = step == null ? "" : step;
        message = message == null ? "" : message;
    }

    public static ApplyEvent of(String cluster, String step, Kind kind, String message) {
        return new ApplyEvent(Instant.now(), cluster, step, kind, message);
    }

    /** {@code [cluster-1] Secret istio-system/cacerts: created}: one line as the CLI prints it. */
    public String toLine() {
        StringBuilder line = new StringBuilder();
        if (!cluster.isEmpty()) {
            line.append('[').append(cluster).append("] ");
        }
        if (!step.isEmpty()) {
            line.append(step).append(": ");
        }
        if (kind == Kind.FAILED) {
            line.append("FAILED: ");
        }
        return line.append(message).toString();
    }
}
