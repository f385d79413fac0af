package dev.crossmesh.kube;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.crossmesh.certs.Pem;
import dev.crossmesh.render.Labels;

/**
 * Whether a cluster's live {@code cacerts} Secret plugs in the mesh CA's root: its {@code root-cert.pem} is that root,
 * its {@code ca-cert.pem} is signed by it, and its {@code cert-chain.pem} leads from one to the other. Two roots in one
 * mesh split it (no mTLS across), and comparing Secret bytes alone cannot tell, so preflight and diff ask this.
 */
final class CacertsRoot {
    static final String NAME = "cacerts";

    private CacertsRoot() {
    }

    static boolean isCacerts(Map<String, Object> object) {
        return "Secret".equals(object.get("kind")) && NAME.equals(ClusterObjects.nameOf(object))
                && Labels.ISTIO_NAMESPACE.equals(ClusterObjects.namespaceOf(object));
    }

    /** What in {@code liveCacerts} does not lead to {@code meshRoot}, in words; empty when it plugs in that root. */
    static Optional<String> mismatch(Map<String, Object> liveCacerts, X509Certificate meshRoot) {
        Map<String, String> data = ObjectFields.secretData(liveCacerts);
        String meshFingerprint = Preflight.fingerprint(Pem.encode(meshRoot));
        Optional<X509Certificate> root = first(data.get("root-cert.pem"));
        if (root.isEmpty()) {
            return Optional.of("holds no readable root-cert.pem, where the mesh root " + meshFingerprint + " belongs");
        }
        if (!root.get().equals(meshRoot)) {
            return Optional.of("plugs in root " + Preflight.fingerprint(data.get("root-cert.pem")) + ", not the mesh CA's root " + meshFingerprint);
        }
        Optional<X509Certificate> intermediate = first(data.get("ca-cert.pem"));
        if (intermediate.isEmpty() || !signedBy(intermediate.get(), meshRoot)) {
            return Optional.of("holds a ca-cert.pem that the mesh root " + meshFingerprint + " did not sign");
        }
        List<X509Certificate> chain = all(data.get("cert-chain.pem"));
        if (chain.size() < 2 || !chain.get(0).equals(intermediate.get()) || !chain.get(chain.size() - 1).equals(meshRoot)) {
            return Optional.of("holds a cert-chain.pem that does not lead from its ca-cert.pem to the mesh root " + meshFingerprint);
        }
        return Optional.empty();
    }

    /**
     * The change diff records for an examined object: for the cacerts Secret of another root, the reason says which
     * roots (its data differs, so it is an update or, when someone else made it, not-owned); any other object's as it is.
     */
    static ObjectChange review(ObjectSync.Examined examined) {
        ObjectChange change = examined.change();
        if (examined.live() == null || !isCacerts(examined.desired())) {
            return change;
        }
        Optional<X509Certificate> meshRoot = first(ObjectFields.secretData(examined.desired()).get("root-cert.pem"));
        Optional<String> problem = meshRoot.flatMap(root -> mismatch(examined.live(), root));
        if (problem.isEmpty()) {
            return change;
        }
        String reason = "it " + problem.get() + ", so this cluster does not trust the others" + (change.reason().isEmpty() ? "" : "; " + change.reason());
        return new ObjectChange(change.cluster(), change.object(), change.change(), change.fields(), reason);
    }

    private static Optional<X509Certificate> first(String pem) {
        List<X509Certificate> certs = all(pem);
        return certs.isEmpty() ? Optional.empty() : Optional.of(certs.get(0));
    }

    private static List<X509Certificate> all(String pem) {
        if (pem == null || pem.isBlank()) {
            return List.of();
        }
        try {
            return Pem.certificates(pem);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate root) {
        try {
            certificate.verify(root.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
