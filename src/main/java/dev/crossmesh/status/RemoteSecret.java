package dev.crossmesh.status;

import java.util.List;
import java.util.Map;

/**
 * A Secret labelled {@code istio/multiCluster=true} in istio-system: how istiod learns another cluster's API server.
 *
 * @param clusters the cluster IDs it registers: its data keys, as istiod reads them (one Secret may hold several);
 *                 the {@code networking.istio.io/cluster} annotation when it has no data yet
 * @param unusable the cluster IDs whose kubeconfig istiod cannot use (it does not parse, or names no server), with why
 */
public record RemoteSecret(String secretName, List<String> clusters, Map<String, String> unusable) {
    public RemoteSecret {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        unusable = unusable == null ? Map.of() : Map.copyOf(unusable);
    }

    public RemoteSecret(String secretName, List<String> clusters) {
        this(secretName, clusters, Map.of());
    }
}
