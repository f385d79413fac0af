package dev.crossmesh.certs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.crossmesh.SafeFiles;
import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;

/**
 * The mesh CA on disk, laid out as Istio's {@code tools/certs} lays it out: {@code root-cert.pem},
 * {@code root-key.pem}, and per cluster {@code ca-cert.pem, ca-key.pem, root-cert.pem, cert-chain.pem}.
 * Made once and reused, so that applying the same plan again does not change the mesh's root of trust:
 * <ul>
 * <li>made under a lock ({@link CaLock}) and in a temporary folder that is then renamed into place, so that two
 *     crossmesh at once, or one killed halfway, never leave two roots or half a CA;</li>
 * <li>{@code root-cert.pem} is never overwritten; {@code root-key.pem} is needed only to sign a new cluster's
 *     intermediate, so it can live offline;</li>
 * <li>every file is checked when read ({@link CaFiles}), and a damaged one is refused, naming it;</li>
 * <li>folders are 0700, private keys 0600 and certificates 0644, whatever the umask.</li>
 * </ul>
 */
public final class CertStore {
    static final String ROOT_CERT = CaFiles.ROOT_CERT;
    static final String ROOT_KEY = "root-key.pem";
    private static final String TEMPORARY = ".new-";

    /** The clusters' plug-in CA files, and whether this call made the mesh's root. */
    public record Loaded(Map<String, ClusterCerts> clusters, boolean madeRoot) {
    }

    private final Path dir;

    public CertStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Whether the mesh has a root already: its certificate is there (its key may be offline). */
    public boolean hasRoot() {
        return Files.exists(dir.resolve(ROOT_CERT), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The plug-in CA files a plan needs: with ca shared-root, one intermediate per cluster under the mesh's root
     * (made on first use, then reused); with any other CA mode, none.
     */
    public static Map<String, ClusterCerts> forPlan(MeshPlan plan, Path dir, KeyType keyType) throws IOException {
        if (plan.ca() != CaMode.SHARED_ROOT) {
            return Map.of();
        }
        return new CertStore(dir).loadOrCreate(plan.clusters().stream().map(ClusterSpec::name).toList(), keyType).clusters();
    }

    /** Loads the root and the clusters' intermediates, making whichever is missing. */
    public Loaded loadOrCreate(List<String> clusterNames, KeyType keyType) throws IOException {
        try (CaLock lock = CaLock.acquire(dir)) {
            removeLeftovers();
            if (!hasRoot()) {
                return new Loaded(createCa(clusterNames, keyType), true);
            }
            SafeFiles.privateFolder(dir);
            X509Certificate root = rootCertificate();
            PrivateKey key = rootKey(root);
            Map<String, ClusterCerts> result = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (String cluster : clusterNames) {
                Path clusterDir = dir.resolve(cluster);
                if (holdsClusterFiles(clusterDir)) {
                    result.put(cluster, CaFiles.cluster(clusterDir, root));
                } else {
                    missing.add(cluster);
                    result.put(cluster, null);
                }
            }
            if (!missing.isEmpty() && key == null) {
                throw rootKeyNeeded(missing);
            }
            for (String cluster : missing) {
                result.put(cluster, addCluster(cluster, new RootCa(root, key), keyType));
            }
            return new Loaded(result, false);
        }
    }

    /** The mesh root certificate, checked. */
    public X509Certificate rootCertificate() throws IOException {
        try {
            return CaFiles.root(dir.resolve(ROOT_CERT));
        } catch (MeshCaException e) {
            throw new MeshCaException(e.file(), e.getMessage() + ", or, if no cluster uses this CA yet, delete the folder " + dir
                    + " to start a new one", e);
        }
    }

    /** The root key, checked against the root certificate; null when it is offline. */
    private PrivateKey rootKey(X509Certificate root) throws MeshCaException {
        Path file = dir.resolve(ROOT_KEY);
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? CaFiles.key(file, root, dir.resolve(ROOT_CERT)) : null;
    }

    private MeshCaException rootKeyNeeded(List<String> clusters) {
        Path key = dir.resolve(ROOT_KEY).toAbsolutePath();
        return new MeshCaException(key, "cluster(s) " + String.join(", ", clusters) + " have no intermediate certificate in " + dir
                + " yet, and signing one needs the mesh root key, which is not there (moved offline?). Put it back as " + key
                + " (mode 0600) and run this again; afterwards you can move it offline again. crossmesh changed nothing, and the"
                + " clusters that have their intermediate do not need the root key");
    }

    /** The first CA of a mesh: root and intermediates, made in a temporary folder that is then renamed into place. */
    private Map<String, ClusterCerts> createCa(List<String> clusterNames, KeyType keyType) throws IOException {
        refuseOccupied(dir, "holds no " + ROOT_CERT + " but is not empty");
        Path parent = dir.toAbsolutePath().normalize().getParent();
        Path staging = Files.createTempDirectory(parent, "." + dir.getFileName() + TEMPORARY);
        try {
            SafeFiles.setMode(staging, SafeFiles.PRIVATE_FOLDER);
            RootCa root = MeshCertificateAuthority.createRoot(keyType);
            SafeFiles.writePublic(staging.resolve(ROOT_CERT), Pem.encode(root.certificate()));
            SafeFiles.writePrivate(staging.resolve(ROOT_KEY), Pem.encode(root.key()));
            Map<String, ClusterCerts> result = new LinkedHashMap<>();
            for (String cluster : clusterNames) {
                ClusterCerts certs = MeshCertificateAuthority.issueIntermediate(root, cluster, keyType);
                writeCluster(SafeFiles.privateFolder(staging.resolve(cluster)), certs);
                result.put(cluster, certs);
            }
            moveIntoPlace(staging, dir);
            return result;
        } finally {
            deleteTree(staging);
        }
    }

    /** A new cluster's intermediate, made in a temporary folder inside the CA folder that is then renamed into place. */
    private ClusterCerts addCluster(String cluster, RootCa root, KeyType keyType) throws IOException {
        Path clusterDir = dir.resolve(cluster);
        refuseOccupied(clusterDir, "holds none of " + String.join(", ", CaFiles.CLUSTER_FILES) + " but is not empty");
        Path staging = Files.createTempDirectory(dir, "." + cluster + TEMPORARY);
        try {
            SafeFiles.setMode(staging, SafeFiles.PRIVATE_FOLDER);
            ClusterCerts certs = MeshCertificateAuthority.issueIntermediate(root, cluster, keyType);
            writeCluster(staging, certs);
            moveIntoPlace(staging, clusterDir);
            return certs;
        } finally {
            deleteTree(staging);
        }
    }

    private static void writeCluster(Path clusterDir, ClusterCerts certs) throws IOException {
        SafeFiles.writePublic(clusterDir.resolve(CaFiles.CA_CERT), certs.caCertPem());
        SafeFiles.writePrivate(clusterDir.resolve(CaFiles.CA_KEY), certs.caKeyPem());
        SafeFiles.writePublic(clusterDir.resolve(CaFiles.ROOT_CERT), certs.rootCertPem());
        SafeFiles.writePublic(clusterDir.resolve(CaFiles.CERT_CHAIN), certs.certChainPem());
    }

    /** rename(2): atomic, and it takes the place of an empty folder but never of one with something in it. */
    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        SafeFiles.refuseLink(target);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean holdsClusterFiles(Path clusterDir) {
        return CaFiles.CLUSTER_FILES.stream().anyMatch(f -> Files.exists(clusterDir.resolve(f), LinkOption.NOFOLLOW_LINKS));
    }

    /** A folder crossmesh is about to fill must be absent or empty: it never mixes its files with others. */
    private static void refuseOccupied(Path folder, String problem) throws IOException {
        SafeFiles.refuseLink(folder);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new MeshCaException(folder, folder + " is a file, where crossmesh keeps a folder of the mesh CA: move it away");
            }
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().limit(5).toList();
            if (!names.isEmpty()) {
                throw new MeshCaException(folder, "the mesh CA folder " + folder + " " + problem + " (" + String.join(", ", names)
                        + "): crossmesh makes no CA files over others. Restore the missing files from your backup, or move what is there away");
            }
        }
    }

    /** Temporary folders a crossmesh killed halfway left behind; safe to remove, as the lock is ours. */
    private void removeLeftovers() throws IOException {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        removeMatching(parent, "." + dir.getFileName() + TEMPORARY + "*");
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            removeMatching(dir, ".*" + TEMPORARY + "*");
        }
    }

    private static void removeMatching(Path folder, String glob) throws IOException {
        try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, glob)) {
            for (Path p : found) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
