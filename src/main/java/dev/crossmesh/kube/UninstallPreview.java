package dev.crossmesh.kube;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.plan.MeshPlan;

/**
 * What uninstall will do, per cluster in the order it does it, found by crossmesh's labels.
 *
 * @param errors per cluster, why it could not be looked at (unknown context, unreachable)
 */
public record UninstallPreview(MeshPlan plan, Map<String, List<UninstallAction>> actions, Map<String, String> errors) {
    public UninstallPreview {
        Map<String, List<UninstallAction>> copy = new LinkedHashMap<>();
        actions.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        actions = Collections.unmodifiableMap(copy);
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** Whether uninstall would change anything at all. */
    public boolean hasWork() {
        return actions.values().stream().flatMap(List::stream).anyMatch(a -> a.action() != UninstallAction.Action.KEEP);
    }

    public long count(UninstallAction.Action action) {
        return actions.values().stream().flatMap(List::stream).filter(a -> a.action() == action).count();
    }
}
