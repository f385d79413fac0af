package dev.crossmesh.plan;

import java.util.List;
import java.util.Optional;

/**
 * What the user wants: one mesh over two or more clusters in one or more networks.
 * The single source of truth for everything crossmesh renders and applies.
 */
public record MeshPlan(
        String meshId,
        String trustDomain,
        IstioSpec istio,
        Topology topology,
        CaMode ca,
        GatewaySpec gateway,
        List<ClusterSpec> clusters,
        VerifySpec verify) {

    public static final String DEFAULT_TRUST_DOMAIN = "cluster.local";

    public MeshPlan {
        meshId = meshId == null ? "" : meshId;
        trustDomain = trustDomain == null || trustDomain.isEmpty() ? DEFAULT_TRUST_DOMAIN : trustDomain;
        istio = istio == null ? IstioSpec.defaults() : istio;
        topology = topology == null ? Topology.MULTI_PRIMARY : topology;
        ca = ca == null ? CaMode.SHARED_ROOT : ca;
        gateway = gateway == null ? GatewaySpec.defaults() : gateway;
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        verify = verify == null ? VerifySpec.defaults() : verify;
    }

    public static MeshPlan of(String meshId, List<ClusterSpec> clusters) {
        return new MeshPlan(meshId, null, null, null, null, null, clusters, null);
    }

    public MeshPlan withMeshId(String value) {
        return new MeshPlan(value, trustDomain, istio, topology, ca, gateway, clusters, verify);
    }

    public MeshPlan withTrustDomain(String value) {
        return new MeshPlan(meshId, value, istio, topology, ca, gateway, clusters, verify);
    }

    public MeshPlan withIstio(IstioSpec value) {
        return new MeshPlan(meshId, trustDomain, value, topology, ca, gateway, clusters, verify);
    }

    public MeshPlan withTopology(Topology value) {
        return new MeshPlan(meshId, trustDomain, istio, value, ca, gateway, clusters, verify);
    }

    public MeshPlan withCa(CaMode value) {
        return new MeshPlan(meshId, trustDomain, istio, topology, value, gateway, clusters, verify);
    }

    public MeshPlan withGateway(GatewaySpec value) {
        return new MeshPlan(meshId, trustDomain, istio, topology, ca, value, clusters, verify);
    }

    public MeshPlan withClusters(List<ClusterSpec> value) {
        return new MeshPlan(meshId, trustDomain, istio, topology, ca, gateway, value, verify);
    }

    public MeshPlan withVerify(VerifySpec value) {
        return new MeshPlan(meshId, trustDomain, istio, topology, ca, gateway, clusters, value);
    }

    public Optional<ClusterSpec> cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Clusters that run an istiod: all of them in multi-primary, the primaries in primary-remote. */
    public List<ClusterSpec> primaries() {
        return clusters.stream().filter(c -> topology == Topology.MULTI_PRIMARY || c.isPrimary()).toList();
    }

    /**
     * The primary that serves a remote cluster: the first primary on the remote's network, else the first primary.
     * Empty for a cluster that is itself a primary, or when the plan has no primary.
     */
    public Optional<ClusterSpec> primaryFor(ClusterSpec cluster) {
        if (topology == Topology.MULTI_PRIMARY || cluster.isPrimary()) {
            return Optional.empty();
        }
        List<ClusterSpec> primaries = primaries();
        return primaries.stream().filter(p -> p.network().equals(cluster.network())).findFirst()
                .or(() -> primaries.stream().findFirst());
    }

    /**
     * The clusters whose remote secret must be written into {@code reader}: every other cluster in
     * multi-primary; the remotes it serves for a primary in primary-remote; none for a remote.
     */
    public List<ClusterSpec> remoteSecretSources(ClusterSpec reader) {
        if (topology == Topology.MULTI_PRIMARY) {
            return clusters.stream().filter(c -> !c.name().equals(reader.name())).toList();
        }
        if (!reader.isPrimary()) {
            return List.of();
        }
        return clusters.stream()
                .filter(c -> !c.name().equals(reader.name()))
                .filter(c -> c.isPrimary() || primaryFor(c).map(p -> p.name().equals(reader.name())).orElse(false))
                .toList();
    }
}
