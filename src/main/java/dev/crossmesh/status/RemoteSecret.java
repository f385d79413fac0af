package dev.crossmesh.status;

import java.util.List;

/**
 * A Secret labelled {@code istio/multiCluster=true} in istio-system: how istiod learns another cluster's API server.
 *
 * @param clusters the cluster IDs it registers: its data keys, as istiod reads them (one Secret may hold several);
 *                 the {@code networking.istio.io/cluster} annotation when it has no data yet
 */
public record RemoteSecret(String secretName, List<String> clusters) {
    public RemoteSecret {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }
}
