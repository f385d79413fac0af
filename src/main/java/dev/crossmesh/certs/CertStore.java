package dev.crossmesh.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.PrivateFiles;
import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;

/**
 * The mesh CA on disk, laid out as Istio's {@code tools/certs} lays it out: {@code root-cert.pem},
 * {@code root-key.pem}, and per cluster {@code ca-cert.pem, ca-key.pem, root-cert.pem, cert-chain.pem}.
 * Made once and reused, so that applying the same plan again does not change the mesh's root of trust.
 * Private keys are written with mode 0600.
 */
public final class CertStore {
    static final String ROOT_CERT = "root-cert.pem";
    static final String ROOT_KEY = "root-key.pem";

    private final Path dir;

    public CertStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public boolean hasRoot() {
        return Files.exists(dir.resolve(ROOT_CERT)) && Files.exists(dir.resolve(ROOT_KEY));
    }

    /**
     * The plug-in CA files a plan needs: with ca shared-root, one intermediate per cluster under the mesh's root
     * (made on first use, then reused); with any other CA mode, none.
     */
    public static Map<String, ClusterCerts> forPlan(MeshPlan plan, Path dir, KeyType keyType) throws IOException {
        if (plan.ca() != CaMode.SHARED_ROOT) {
            return Map.of();
        }
        return new CertStore(dir).loadOrCreate(plan.clusters().stream().map(ClusterSpec::name).toList(), keyType);
    }

    /** Loads the root and the clusters' intermediates, making whichever is missing. */
    public Map<String, ClusterCerts> loadOrCreate(List<String> clusterNames, KeyType keyType) throws IOException {
        RootCa root = hasRoot() ? loadRoot() : saveRoot(MeshCertificateAuthority.createRoot(keyType));
        Map<String, ClusterCerts> result = new LinkedHashMap<>();
        for (String cluster : clusterNames) {
            Path clusterDir = dir.resolve(cluster);
            ClusterCerts certs = Files.exists(clusterDir.resolve("ca-key.pem"))
                    ? load(clusterDir)
                    : save(clusterDir, MeshCertificateAuthority.issueIntermediate(root, cluster, keyType));
            result.put(cluster, certs);
        }
        return result;
    }

    public X509Certificate rootCertificate() throws IOException {
        return Pem.certificate(read(dir.resolve(ROOT_CERT)));
    }

    private RootCa loadRoot() throws IOException {
        PrivateKey key = Pem.privateKey(read(dir.resolve(ROOT_KEY)));
        return new RootCa(rootCertificate(), key);
    }

    private RootCa saveRoot(RootCa root) throws IOException {
        Files.createDirectories(dir);
        writePublic(dir.resolve(ROOT_CERT), Pem.encode(root.certificate()));
        PrivateFiles.write(dir.resolve(ROOT_KEY), Pem.encode(root.key()));
        return root;
    }

    private static ClusterCerts load(Path clusterDir) throws IOException {
        return new ClusterCerts(read(clusterDir.resolve("ca-cert.pem")), read(clusterDir.resolve("ca-key.pem")),
                read(clusterDir.resolve("root-cert.pem")), read(clusterDir.resolve("cert-chain.pem")));
    }

    private static ClusterCerts save(Path clusterDir, ClusterCerts certs) throws IOException {
        Files.createDirectories(clusterDir);
        writePublic(clusterDir.resolve("ca-cert.pem"), certs.caCertPem());
        PrivateFiles.write(clusterDir.resolve("ca-key.pem"), certs.caKeyPem());
        writePublic(clusterDir.resolve("root-cert.pem"), certs.rootCertPem());
        writePublic(clusterDir.resolve("cert-chain.pem"), certs.certChainPem());
        return certs;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    private static void writePublic(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
