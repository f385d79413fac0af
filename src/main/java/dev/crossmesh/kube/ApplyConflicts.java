package dev.crossmesh.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The fields a server-side apply could not take, as kube-apiserver reports them in a 409: one {@code StatusCause} per
 * field, reason {@code FieldManagerConflict}, message {@code conflict with "MANAGER" using VERSION}, field the path.
 */
final class ApplyConflicts {
    private static final Pattern MANAGER = Pattern.compile("conflict with \"([^\"]*)\"");

    /** One field another manager set to another value. */
    record Conflict(String manager, String field) {
    }

    private ApplyConflicts() {
    }

    /** The conflicts in a refused apply; empty when the error is not an apply conflict. */
    static List<Conflict> of(KubernetesClientException e) {
        List<Conflict> out = new ArrayList<>();
        Status status = e.getStatus();
        if (e.getCode() != 409 || status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
            return out;
        }
        for (StatusCause cause : status.getDetails().getCauses()) {
            if (!"FieldManagerConflict".equals(cause.getReason())) {
                continue;
            }
            Matcher m = MANAGER.matcher(cause.getMessage() == null ? "" : cause.getMessage());
            String field = cause.getField() == null ? "" : cause.getField().replaceFirst("^\\.", "");
            out.add(new Conflict(m.find() ? m.group(1) : "another manager", field));
        }
        return out;
    }

    /** {@code metadata.annotations.x (owned by kubectl-annotate)}, per field, for a diff line. */
    static List<String> fields(List<Conflict> conflicts) {
        return conflicts.stream().map(c -> c.field() + " (owned by " + c.manager() + ")").toList();
    }

    /** Who holds what and the three ways out, as kubectl words them after a refused server-side apply. */
    static String advice(List<Conflict> conflicts) {
        return describe(conflicts) + " to other values. To keep them, put those values in the plan (crossmesh then shares the fields); to take"
                + " them back, run apply with --force (in the wizard: Take over existing objects)";
    }

    /** {@code kubectl-annotate set metadata.annotations.x}: who holds what, in words. */
    static String describe(List<Conflict> conflicts) {
        Map<String, Set<String>> byManager = new LinkedHashMap<>();
        conflicts.forEach(c -> byManager.computeIfAbsent(c.manager(), k -> new LinkedHashSet<>()).add(c.field()));
        List<String> parts = new ArrayList<>();
        byManager.forEach((manager, fields) -> parts.add(manager + " set " + String.join(", ", fields)));
        return String.join("; ", parts);
    }
}
