package dev.crossmesh.plan;

/**
 * The plug-in CA files of one cluster, PEM encoded, as Istio reads them from the {@code cacerts} Secret.
 * {@code caKeyPem} is a private key: it must never reach a log or a preview.
 */
public record ClusterCerts(String caCertPem, String caKeyPem, String rootCertPem, String certChainPem) {
    @Override
    public String toString() {
        return "ClusterCerts[caKeyPem=<hidden>]";
    }
}
