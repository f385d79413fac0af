package dev.crossmesh.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one cluster looks like right now, as far as the mesh is concerned. Immutable; made by {@link StatusMonitor}
 * from its watches. When the cluster is not {@link ConnectionState#SYNCED} the fields hold the last known values.
 *
 * @param name                  the plan's cluster name (= clusterName / CLUSTER_ID)
 * @param context               the kubeconfig context that reaches it
 * @param plannedNetwork        the network the plan puts it in
 * @param primary               whether it runs an istiod in the plan
 * @param contextLoaded         whether a client could be made for the context (false: unknown context, unreadable
 *                              kubeconfig; the cluster is then offline and nothing else is known)
 * @param demo                  whether the context is one of crossmesh's demo clusters (an in-process API server), which
 *                              every screen must say
 * @param state                 connection state of the watches
 * @param stateDetail           why it is not synced ("connection refused", "context 'x' is not in kubeconfig ..."), else ""
 * @param namespacePresent      whether istio-system exists
 * @param network               the {@code topology.istio.io/network} label of istio-system; "" when missing
 * @param istiod                the control plane
 * @param gateway               the east-west gateway Service, pods and probe
 * @param istioGateways         Istio Gateway objects in istio-system
 * @param gatewayCrdInstalled   false when the API server serves no {@code networking.istio.io} Gateway version
 * @param remoteSecrets         remote secrets present in istio-system
 * @param expectedRemoteSecrets clusters whose remote secret the plan wants here ({@code MeshPlan.remoteSecretSources})
 * @param rootCertificate       root certificate fingerprints
 * @param helmReleases          the deployed Helm releases in istio-system (the Helm path's base, istiod and gateway), by name
 * @param remoteClusters        the remote clusters istiod itself reports ({@code /debug/clusterz}), sorted by name; null when
 *                              unknown (no istiod here, or it could not be asked)
 * @param lastChange            when anything above last changed
 */
public record ClusterStatus(String name, String context, String plannedNetwork, boolean primary,
        boolean contextLoaded, boolean demo, ConnectionState state, String stateDetail,
        boolean namespacePresent, String network,
        IstiodStatus istiod,
        GatewayStatus gateway,
        List<IstioGateway> istioGateways, boolean gatewayCrdInstalled,
        List<RemoteSecret> remoteSecrets, List<String> expectedRemoteSecrets,
        RootCertificate rootCertificate,
        List<HelmReleaseStatus> helmReleases,
        List<RemoteClusterStatus> remoteClusters,
        Instant lastChange) {

    /** A cluster without Helm releases, istiod not asked for its remote clusters. */
    public ClusterStatus(String name, String context, String plannedNetwork, boolean primary, boolean contextLoaded, boolean demo,
            ConnectionState state, String stateDetail, boolean namespacePresent, String network, IstiodStatus istiod, GatewayStatus gateway,
            List<IstioGateway> istioGateways, boolean gatewayCrdInstalled, List<RemoteSecret> remoteSecrets, List<String> expectedRemoteSecrets,
            RootCertificate rootCertificate, Instant lastChange) {
        this(name, context, plannedNetwork, primary, contextLoaded, demo, state, stateDetail, namespacePresent, network, istiod, gateway,
                istioGateways, gatewayCrdInstalled, remoteSecrets, expectedRemoteSecrets, rootCertificate, List.of(), null, lastChange);
    }

    public ClusterStatus {
        Objects.requireNonNull(name, "name");
        context = context == null ? "" : context;
        plannedNetwork = plannedNetwork == null ? "" : plannedNetwork;
        state = state == null ? ConnectionState.CONNECTING : state;
        stateDetail = stateDetail == null ? "" : stateDetail;
        network = network == null ? "" : network;
        istiod = istiod == null ? IstiodStatus.none() : istiod;
        gateway = gateway == null ? GatewayStatus.none(0, 0) : gateway;
        istioGateways = istioGateways == null ? List.of() : List.copyOf(istioGateways);
        remoteSecrets = remoteSecrets == null ? List.of() : List.copyOf(remoteSecrets);
        expectedRemoteSecrets = expectedRemoteSecrets == null ? List.of() : List.copyOf(expectedRemoteSecrets);
        rootCertificate = rootCertificate == null ? RootCertificate.none() : rootCertificate;
        helmReleases = helmReleases == null ? List.of() : List.copyOf(helmReleases);
        remoteClusters = remoteClusters == null ? null : List.copyOf(remoteClusters);
    }

    public boolean synced() {
        return state == ConnectionState.SYNCED;
    }

    /**
     * Whether anything is known of the cluster's istio-system: it is synced, or was once and shows its last known
     * state. Otherwise counts and lists are unknown, not zero or empty.
     */
    public boolean seen() {
        return synced() || namespacePresent;
    }

    /** The clusters this one has a remote secret for, sorted, each once. */
    public List<String> remoteSecretClusters() {
        return remoteSecrets.stream().flatMap(s -> s.clusters().stream()).distinct().sorted().toList();
    }

    public ClusterStatus withLastChange(Instant value) {
        return new ClusterStatus(name, context, plannedNetwork, primary, contextLoaded, demo, state, stateDetail, namespacePresent, network, istiod, gateway,
                istioGateways, gatewayCrdInstalled, remoteSecrets, expectedRemoteSecrets, rootCertificate, helmReleases, remoteClusters, value);
    }

    /** Equal in everything but {@link #lastChange}: whether anything worth a new snapshot happened. */
    public boolean sameContent(ClusterStatus other) {
        return other != null && withLastChange(null).equals(other.withLastChange(null));
    }
}
