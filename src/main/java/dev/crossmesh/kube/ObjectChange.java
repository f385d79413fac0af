package dev.crossmesh.kube;

import java.util.List;

/**
 * What applying would do to one object (or step) in one cluster.
 *
 * @param object the object as people name it: {@code Secret istio-system/cacerts}, or a step such as {@code control plane}
 * @param fields for an update, the changed field paths ({@code spec.ports[tls].port}, {@code data.cluster-2});
 *               values are never part of it, so secrets cannot leak through a diff
 * @param reason why, when it is not obvious: who owns it, what the step runs, what could not be read
 */
public record ObjectChange(String cluster, String object, ChangeKind change, List<String> fields, String reason) {
    public ObjectChange {
        fields = List.copyOf(fields);
        reason = reason == null ? "" : reason;
    }

    /** One line as the CLI prints it, e.g. {@code ~ update     Service istio-system/x: spec.type}. */
    public String toLine() {
        StringBuilder line = new StringBuilder(change.symbol()).append(' ')
                .append(String.format("%-10s ", change.label())).append(object);
        if (!fields.isEmpty()) {
            line.append(": ").append(String.join(", ", fields));
        }
        if (!reason.isEmpty()) {
            line.append(fields.isEmpty() ? ": " : " (").append(reason).append(fields.isEmpty() ? "" : ")");
        }
        return line.toString();
    }
}
