package dev.crossmesh.status;

/**
 * The mesh root certificate as one cluster holds it, by SHA-256 fingerprint (lower-case hex of the DER encoding).
 *
 * @param distributedSha256 root in the {@code istio-ca-root-cert} ConfigMap: what istiod actually hands to workloads; ""
 *                          when missing
 * @param pluggedSha256     {@code root-cert.pem} of the {@code cacerts} Secret (the plug-in CA); "" when there is no cacerts
 * @param cacertsPresent    whether a {@code cacerts} Secret exists in istio-system
 */
public record RootCertificate(String distributedSha256, String pluggedSha256, boolean cacertsPresent) {
    public RootCertificate {
        distributedSha256 = distributedSha256 == null ? "" : distributedSha256;
        pluggedSha256 = pluggedSha256 == null ? "" : pluggedSha256;
    }

    public static RootCertificate none() {
        return new RootCertificate("", "", false);
    }

    /** The root this cluster trusts: what istiod distributes, else what is plugged in; "" when neither is known. */
    public String sha256() {
        return distributedSha256.isEmpty() ? pluggedSha256 : distributedSha256;
    }

    /** The first 12 hex digits, enough to tell roots apart in a table; "" when unknown. */
    public String shortSha256() {
        String sha = sha256();
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    public boolean known() {
        return !sha256().isEmpty();
    }
}
