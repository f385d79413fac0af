package dev.crossmesh.kube;

import java.time.Instant;
import java.util.List;

/**
 * One step of progress of an apply or uninstall, for the CLI to print and the GUI to show. Messages never hold a
 * token or a private key. What callers act on is in {@link #detail()}; the message is for people.
 *
 * @param cluster the cluster concerned, or "" for the mesh as a whole
 * @param step    what the step is about: an object ({@code Secret istio-system/cacerts}) or a step
 *                ({@code control plane}, {@code gateway address}, {@code remote secret from cluster-2})
 */
public record ApplyEvent(Instant time, String cluster, String step, Kind kind, String message, Detail detail) {
    public enum Kind { STARTED, DONE, UNCHANGED, WAITING, FAILED, SKIPPED, INFO }

    /** The typed part of an event, so that no caller has to read the message. */
    public sealed interface Detail {
    }

    /** Nothing beyond the kind and the message. */
    public record NoDetail() implements Detail {
    }

    /**
     * What was done to (or, in a dry run, would be done to) one object.
     *
     * @param fields the changed fields of an update, or the fields in conflict (with their owners)
     */
    public record ObjectResult(ChangeKind change, List<String> fields, boolean dryRun) implements Detail {
        public ObjectResult {
            fields = List.copyOf(fields);
        }
    }

    /** The east-west gateway's address was found. */
    public record GatewayAddress(String address) implements Detail {
    }

    /** The east-west gateway has no address to wait for, or none came in time. */
    public record GatewayPending(String reason) implements Detail {
    }

    /** A tool (istioctl) was started with this command line. */
    public record ToolStarted(List<String> command) implements Detail {
        public ToolStarted {
            command = List.copyOf(command);
        }
    }

    /** One line of a tool's output. */
    public record ToolOutput(String tool, String line) implements Detail {
    }

    public static final Detail NONE = new NoDetail();

    public ApplyEvent {
        cluster = cluster == null ? "" : cluster;
        step = step == null ? "" : step;
        message = message == null ? "" : message;
        detail = detail == null ? NONE : detail;
    }

    public static ApplyEvent of(String cluster, String step, Kind kind, String message) {
        return of(cluster, step, kind, message, NONE);
    }

    public static ApplyEvent of(String cluster, String step, Kind kind, String message, Detail detail) {
        return new ApplyEvent(Instant.now(), cluster, step, kind, message, detail);
    }

    public ApplyEvent withMessage(String newMessage) {
        return new ApplyEvent(time, cluster, step, kind, newMessage, detail);
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
