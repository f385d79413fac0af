package dev.crossmesh.plan;

import java.util.Collection;

/**
 * Something wrong or worth knowing about a plan, a cluster or the live mesh.
 *
 * @param code    stable code such as {@code CM009}; scripts and docs refer to it
 * @param path    field path in the plan ({@code clusters[1].network}), or "" when not about a field
 * @param cluster the cluster concerned, or "" when it concerns the mesh as a whole
 * @param message what is wrong and how to fix it
 */
public record Finding(Severity severity, String code, String path, String cluster, String message) {
    public Finding {
        path = path == null ? "" : path;
        cluster = cluster == null ? "" : cluster;
    }

    public static Finding error(String code, String path, String message) {
        return new Finding(Severity.ERROR, code, path, "", message);
    }

    public static Finding warning(String code, String path, String message) {
        return new Finding(Severity.WARNING, code, path, "", message);
    }

    public Finding forCluster(String clusterName) {
        return new Finding(severity, code, path, clusterName, message);
    }

    /** This finding with every control character in its path, cluster and message escaped, so that it prints as one harmless line. */
    public Finding printable() {
        return new Finding(severity, code, ControlCharacters.escape(path), ControlCharacters.escape(cluster), ControlCharacters.escape(message));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public static boolean anyError(Collection<Finding> findings) {
        return findings.stream().anyMatch(Finding::isError);
    }

    /** One line as the CLI prints it: {@code error CM009 clusters[1].network: ...}. */
    public String toLine() {
        StringBuilder line = new StringBuilder(severity.label()).append(' ').append(code);
        if (!cluster.isEmpty()) {
            line.append(" [").append(cluster).append(']');
        }
        if (!path.isEmpty()) {
            line.append(' ').append(path);
        }
        return line.append(": ").append(message).toString();
    }
}
