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

    /**
     * The same rendering with each primary's east-west gateway address filled into its remotes where
     * {@link ManifestRenderer#addressPlaceholder} stands for it; nothing is rendered again.
     *
     * @param addresses per primary cluster name, its gateway address
     */
    public RenderedMesh withGatewayAddresses(Map<String, String> addresses) {
        Map<String, List<Manifest>> filled = new LinkedHashMap<>();
        byCluster.forEach((cluster, manifests) -> filled.put(cluster, manifests.stream().map(m -> withGatewayAddresses(m, addresses)).toList()));
        return new RenderedMesh(plan, filled);
    }

    /** One manifest with the primaries' gateway addresses filled in, as {@link #withGatewayAddresses(Map)} does. */
    public static Manifest withGatewayAddresses(Manifest manifest, Map<String, String> addresses) {
        Manifest out = manifest;
        for (Map.Entry<String, String> a : addresses.entrySet()) {
            out = out.filled(ManifestRenderer.addressPlaceholder(a.getKey()), a.getValue());
        }
        return out;
    }

    public List<Manifest> all() {
        return byCluster.values().stream().flatMap(List::stream).toList();
    }
}
