package dev.crossmesh.status;

/**
 * The control plane in one cluster, as its Deployment, pods and mesh config show it.
 *
 * @param ready       istiod pods that are Ready
 * @param total       istiod pods (or, before any pod exists, the replicas the Deployment asks for)
 * @param version     from the istiod image tag (e.g. {@code 1.24.3}, {@code 1.20.8-asm.4}), or "" when unknown
 * @param clusterId   istiod's {@code CLUSTER_ID} env (= the plan's cluster name), or "" when unknown
 * @param meshId      {@code defaultConfig.meshId} of the {@code istio} ConfigMap's mesh config, or "" when unknown
 * @param trustDomain {@code trustDomain} of the same mesh config, or "" when unknown
 */
public record IstiodStatus(int ready, int total, String version, String clusterId, String meshId, String trustDomain) {
    public IstiodStatus {
        version = version == null ? "" : version;
        clusterId = clusterId == null ? "" : clusterId;
        meshId = meshId == null ? "" : meshId;
        trustDomain = trustDomain == null ? "" : trustDomain;
    }

    public static IstiodStatus none() {
        return new IstiodStatus(0, 0, "", "", "", "");
    }

    public boolean present() {
        return total > 0;
    }
}
