package dev.crossmesh.demo.traffic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.crossmesh.demo.traffic.ClusterState.NetworkGateway;
import dev.crossmesh.demo.traffic.ClusterState.RemoteSecretEntry;

/**
 * What each istiod knows, computed from every cluster's {@link ClusterState}: which remote clusters its remote secrets
 * open (a remote cluster is synced when the secret's server is a demo API server that answers and accepts the
 * secret's token), and so which clusters' endpoints and gateways it hands its proxies.
 */
final class MeshView {
    private final List<ClusterState> clusters;

    /** One cluster a remote secret registers, as istiod's {@code /debug/clusterz} lists it. */
    record RemoteCluster(RemoteSecretEntry entry, ClusterState target, String syncStatus) {
        boolean synced() {
            return target != null && "synced".equals(syncStatus);
        }
    }

    MeshView(List<ClusterState> clusters) {
        this.clusters = List.copyOf(clusters);
    }

    List<ClusterState> clusters() {
        return clusters;
    }

    Optional<ClusterState> cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    List<RemoteCluster> remoteClusters(ClusterState istiod) {
        List<RemoteCluster> result = new ArrayList<>();
        for (RemoteSecretEntry entry : istiod.remoteSecrets()) {
            String server = entry.server().replaceAll("/+$", "");
            Optional<ClusterState> target = clusters.stream().filter(c -> c.url().replaceAll("/+$", "").equals(server)).findFirst();
            // istiod gives up its first sync after a while ("timeout") when the server is unknown, down, or refuses the token
            boolean synced = target.isPresent() && target.get().running() && target.get().tokens().contains(entry.token());
            result.add(synced ? new RemoteCluster(entry, target.get(), "synced") : new RemoteCluster(entry, null, "timeout"));
        }
        return result;
    }

    /**
     * The istiod that configures the cluster's proxies: its own, or for a cluster of the remote profile the istiod of
     * a primary whose remote secrets open it.
     */
    Optional<ClusterState> controller(ClusterState cluster) {
        if (cluster.istiod()) {
            return Optional.of(cluster);
        }
        if (!cluster.remoteProfile()) {
            return Optional.empty();
        }
        return clusters.stream().filter(ClusterState::istiod)
                .filter(p -> remoteClusters(p).stream().anyMatch(r -> r.synced() && r.target().name().equals(cluster.name()))).findFirst();
    }

    /** The clusters whose endpoints an istiod sees: its own and every synced remote cluster. */
    Set<ClusterState> seenBy(ClusterState istiod) {
        Set<ClusterState> seen = new LinkedHashSet<>();
        seen.add(istiod);
        remoteClusters(istiod).stream().filter(RemoteCluster::synced).map(RemoteCluster::target).forEach(seen::add);
        return seen;
    }

    /**
     * Whether the gateway listens on 15443 for other networks: a Gateway object opening it in AUTO_PASSTHROUGH selects
     * one of its ready pods, in the cluster its istiod reads config from (its own; for a remote, its primary's).
     */
    boolean passesThrough(NetworkGateway gateway) {
        Optional<ClusterState> config = cluster(gateway.cluster()).flatMap(this::controller);
        return config.isPresent() && config.get().crossNetworkSelectors().stream()
                .anyMatch(selector -> gateway.readyPods().stream().anyMatch(pod -> LabelSelectors.selects(selector, pod)));
    }

    /** The network gateways an istiod knows: those in the clusters it sees. */
    List<NetworkGateway> gatewaysSeenBy(ClusterState istiod) {
        return seenBy(istiod).stream().flatMap(c -> c.gateways().stream()).toList();
    }
}
