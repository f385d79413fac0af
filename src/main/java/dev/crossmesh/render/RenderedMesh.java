package dev.crossmesh.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.plan.MeshPlan;

/** Every manifest of a plan, per cluster in plan order, each list in apply order. */
public record RenderedMesh(MeshPlan plan, Map<String, List<Manifest>> byCluster) {
    public RenderedMesh {
        Map<String, List<Manifest>> copy = new LinkedHashMap<>();
        byCluster.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byCluster = Collections.unmodifiableMap(copy);
    }

    public List<Manifest> manifests(String cluster) {
        return byCluster.getOrDefault(cluster, List.of());
    }

    public List<Manifest> all() {
        return byCluster.values().stream().flatMap(List::stream).toList();
    }
}
