package dev.crossmesh.certs;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.crossmesh.plan.ClusterCerts;

/**
 * Reads the files of a mesh CA folder and refuses any that is damaged, naming it: empty, not PEM, a key that does not
 * belong to its certificate, an intermediate or a chain that does not lead to the root. A damaged file is never
 * replaced nor applied: every cluster of the mesh trusts these files, so only the user can say which copy is right.
 */
final class CaFiles {
    static final String CA_CERT = "ca-cert.pem";
    static final String CA_KEY = "ca-key.pem";
    static final String ROOT_CERT = "root-cert.pem";
    static final String CERT_CHAIN = "cert-chain.pem";
    static final List<String> CLUSTER_FILES = List.of(CA_CERT, CA_KEY, ROOT_CERT, CERT_CHAIN);

    private CaFiles() {
    }

    /** The root certificate: a self-signed CA certificate. */
    static X509Certificate root(Path file) throws MeshCaException {
        X509Certificate root = certificate(file);
        try {
            root.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw damaged(file, "is not a self-signed root certificate");
        }
        if (root.getBasicConstraints() < 0) {
            throw damaged(file, "is not a CA certificate (no basicConstraints CA:true)");
        }
        return root;
    }

    /** The private key in {@code file}, which must be the key of {@code certificate}. */
    static PrivateKey key(Path file, X509Certificate certificate, Path certificateFile) throws MeshCaException {
        String pem = text(file);
        PrivateKey key;
        try {
            key = Pem.privateKey(pem);
        } catch (IOException | RuntimeException e) {
            throw damaged(file, "holds no readable private key");
        }
        if (!matches(key, certificate)) {
            throw damaged(file, "is not the private key of " + certificateFile);
        }
        return key;
    }

    /** A cluster's intermediate, checked against the mesh root. */
    static ClusterCerts cluster(Path dir, X509Certificate root) throws MeshCaException {
        try {
            return checkedCluster(dir, root);
        } catch (MeshCaException e) {
            throw new MeshCaException(e.file(), e.getMessage() + ", or delete the folder " + dir + " so that crossmesh issues "
                    + dir.getFileName() + " a new intermediate of the same root (apply then replaces its cacerts Secret)", e);
        }
    }

    private static ClusterCerts checkedCluster(Path dir, X509Certificate root) throws MeshCaException {
        Path caCertFile = dir.resolve(CA_CERT);
        X509Certificate caCert = certificate(caCertFile);
        try {
            caCert.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw damaged(caCertFile, "is not signed by the mesh root " + dir.resolveSibling(ROOT_CERT)
                    + " (it belongs to another root, so this cluster would not trust the others)");
        }
        Path keyFile = dir.resolve(CA_KEY);
        key(keyFile, caCert, caCertFile);
        Path rootFile = dir.resolve(ROOT_CERT);
        if (!certificate(rootFile).equals(root)) {
            throw damaged(rootFile, "is not the mesh root " + dir.resolveSibling(ROOT_CERT));
        }
        Path chainFile = dir.resolve(CERT_CHAIN);
        List<X509Certificate> chain = certificates(chainFile);
        if (chain.size() < 2 || !chain.get(0).equals(caCert) || !chain.get(chain.size() - 1).equals(root)) {
            throw damaged(chainFile, "is not " + CA_CERT + " followed by the mesh root");
        }
        return new ClusterCerts(text(caCertFile), text(keyFile), text(rootFile), text(chainFile));
    }

    private static X509Certificate certificate(Path file) throws MeshCaException {
        return certificates(file).get(0);
    }

    private static List<X509Certificate> certificates(Path file) throws MeshCaException {
        String pem = text(file);
        List<X509Certificate> certs;
        try {
            certs = Pem.certificates(pem);
        } catch (IOException | RuntimeException e) {
            throw damaged(file, "is not a readable PEM certificate");
        }
        if (certs.isEmpty()) {
            throw damaged(file, "holds no PEM certificate");
        }
        return certs;
    }

    private static String text(Path file) throws MeshCaException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw damaged(file, "is missing");
        } catch (CharacterCodingException e) {
            throw damaged(file, "is not a PEM file (it holds bytes that are not ASCII)");
        } catch (IOException e) {
            throw new MeshCaException(file, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            throw damaged(file, "is empty");
        }
        return text;
    }

    /** Signs a random message with the key and checks it with the certificate's public key. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        try {
            byte[] message = new byte[32];
            new SecureRandom().nextBytes(message);
            String algorithm = KeyType.of(key).signatureAlgorithm();
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static MeshCaException damaged(Path file, String problem) {
        return new MeshCaException(file, "mesh CA file " + file + " " + problem + ". crossmesh changed nothing: the clusters of the mesh"
                + " trust these files, so restore it from your backup of the CA folder");
    }
}
