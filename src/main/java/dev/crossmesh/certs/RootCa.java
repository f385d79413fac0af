package dev.crossmesh.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** The mesh's shared root: one per mesh, it signs an intermediate per cluster. */
public record RootCa(X509Certificate certificate, PrivateKey key) {
    @Override
    public String toString() {
        return "RootCa[" + certificate.getSubjectX500Principal() + ", key=<hidden>]";
    }
}
