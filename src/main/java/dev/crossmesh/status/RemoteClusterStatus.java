package dev.crossmesh.status;

/**
 * One remote cluster as istiod itself reports it on {@code /debug/clusterz} (what {@code istioctl remote-clusters} lists).
 *
 * @param name   the cluster ID its remote secret registers
 * @param synced whether istiod has synced that cluster's API server
 * @param reason istiod's sync status when not synced ({@code syncing}, {@code timeout}, {@code closed}); "" when synced
 */
public record RemoteClusterStatus(String name, boolean synced, String reason) {
    /** Why a cluster's list can be unknown (null), in words for the table and the live view. */
    public static final String UNKNOWN_WHY = "istiod is not ready, its release has no /debug/clusterz, or the port-forward to it failed "
            + "(it needs create on pods/portforward in istio-system)";

    public RemoteClusterStatus {
        reason = reason == null ? "" : reason;
    }
}
