package dev.crossmesh.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.crossmesh.plan.ClusterCerts;

/** The mesh CA folder under races, a root key moved offline and damaged files. */
class MeshCaSafetyTest {
    static final List<String> CLUSTERS = List.of("cluster-1", "cluster-2", "cluster-3");

    @Test
    void storesMakingTheFirstCaAtOnceAllGetTheSameRoot(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("certs");
        int parties = 4;
        CyclicBarrier start = new CyclicBarrier(parties);
        ExecutorService pool = Executors.newFixedThreadPool(parties);
        try {
            List<Future<CertStore.Loaded>> runs = new ArrayList<>();
            for (int i = 0; i < parties; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return new CertStore(ca).loadOrCreate(CLUSTERS, KeyType.RSA_2048);
                }));
            }
            List<CertStore.Loaded> results = new ArrayList<>();
            for (Future<CertStore.Loaded> f : runs) {
                results.add(f.get());
            }
            assertEquals(1, results.stream().filter(CertStore.Loaded::madeRoot).count(), "one of them made the root");
            Set<String> roots = results.stream().flatMap(r -> r.clusters().values().stream()).map(ClusterCerts::rootCertPem).collect(Collectors.toSet());
            assertEquals(Set.of(Files.readString(ca.resolve("root-cert.pem"))), roots, "every cluster of every caller has the folder's root");
            for (String cluster : CLUSTERS) {
                assertEquals(1, results.stream().map(r -> r.clusters().get(cluster)).distinct().count(), cluster + ": one intermediate");
            }
            new CertStore(ca).loadOrCreate(CLUSTERS, KeyType.EC_P256);
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(Set.of("certs", ".certs.lock"), left.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
                        "no temporary folder is left behind");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withTheRootKeyOfflineExistingIntermediatesAreUsedAndANewClusterStopsNamingWhereTheKeyGoes(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("certs");
        Map<String, ClusterCerts> before = new CertStore(ca).loadOrCreate(CLUSTERS.subList(0, 2), KeyType.EC_P256).clusters();
        byte[] root = Files.readAllBytes(ca.resolve("root-cert.pem"));
        Path offline = Files.move(ca.resolve("root-key.pem"), dir.resolve("root-key.pem"));

        CertStore.Loaded again = new CertStore(ca).loadOrCreate(CLUSTERS.subList(0, 2), KeyType.EC_P256);
        assertFalse(again.madeRoot());
        assertEquals(before, again.clusters(), "the existing intermediates, as they are");
        assertTrue(new CertStore(ca).hasRoot(), "the root is there: its certificate is");

        MeshCaException e = assertThrows(MeshCaException.class, () -> new CertStore(ca).loadOrCreate(CLUSTERS, KeyType.EC_P256));
        assertEquals(ca.resolve("root-key.pem").toAbsolutePath(), e.file());
        assertTrue(e.getMessage().contains("cluster(s) cluster-3 have no intermediate") && e.getMessage().contains("Put it back as "
                + ca.resolve("root-key.pem").toAbsolutePath()), e.getMessage());
        assertFalse(Files.exists(ca.resolve("cluster-3")), "nothing made");
        assertArrayEquals(root, Files.readAllBytes(ca.resolve("root-cert.pem")), "root-cert.pem is never overwritten");

        Files.move(offline, ca.resolve("root-key.pem"));
        Map<String, ClusterCerts> all = new CertStore(ca).loadOrCreate(CLUSTERS, KeyType.EC_P256).clusters();
        assertEquals(before.get("cluster-1"), all.get("cluster-1"));
        CertStoreTest.validate(all.get("cluster-3"), Pem.certificate(new String(root, java.nio.charset.StandardCharsets.US_ASCII)));
        assertArrayEquals(root, Files.readAllBytes(ca.resolve("root-cert.pem")));
    }

    /** Each way a CA file can be damaged: the store refuses, naming the file, and changes nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"empty root", "garbage root", "root is a key", "empty root key", "other root key", "empty ca-key",
            "other ca-key", "garbage ca-cert", "ca-cert of another root", "chain of another root", "cluster root differs", "missing chain",
            "non-ascii ca-cert", "root key without root"})
    void damagedFilesAreRefusedNamingThem(String damage, @TempDir Path dir) throws Exception {
        Path ca = dir.resolve("certs");
        new CertStore(ca).loadOrCreate(CLUSTERS.subList(0, 2), KeyType.EC_P256);
        Path other = dir.resolve("other");
        new CertStore(other).loadOrCreate(CLUSTERS.subList(0, 2), KeyType.EC_P256);
        Path c1 = ca.resolve("cluster-1");
        Map<String, Consumer<Path>> damages = Map.ofEntries(
                Map.entry("empty root", d -> write(ca.resolve("root-cert.pem"), "")),
                Map.entry("garbage root", d -> write(ca.resolve("root-cert.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n")),
                Map.entry("root is a key", d -> copy(ca.resolve("root-key.pem"), ca.resolve("root-cert.pem"))),
                Map.entry("empty root key", d -> write(ca.resolve("root-key.pem"), "\n")),
                Map.entry("other root key", d -> copy(other.resolve("root-key.pem"), ca.resolve("root-key.pem"))),
                Map.entry("empty ca-key", d -> write(c1.resolve("ca-key.pem"), "")),
                Map.entry("other ca-key", d -> copy(c1.resolveSibling("cluster-2").resolve("ca-key.pem"), c1.resolve("ca-key.pem"))),
                Map.entry("garbage ca-cert", d -> write(c1.resolve("ca-cert.pem"), "hello")),
                Map.entry("ca-cert of another root", d -> copy(other.resolve("cluster-1/ca-cert.pem"), c1.resolve("ca-cert.pem"))),
                Map.entry("chain of another root", d -> copy(other.resolve("cluster-1/cert-chain.pem"), c1.resolve("cert-chain.pem"))),
                Map.entry("cluster root differs", d -> copy(other.resolve("root-cert.pem"), c1.resolve("root-cert.pem"))),
                Map.entry("missing chain", d -> delete(c1.resolve("cert-chain.pem"))),
                Map.entry("non-ascii ca-cert", d -> write(c1.resolve("ca-cert.pem"), "caf\u00e9")),
                Map.entry("root key without root", d -> delete(ca.resolve("root-cert.pem"))));
        Map<String, Path> named = Map.ofEntries(
                Map.entry("empty root", ca.resolve("root-cert.pem")), Map.entry("garbage root", ca.resolve("root-cert.pem")),
                Map.entry("root is a key", ca.resolve("root-cert.pem")), Map.entry("empty root key", ca.resolve("root-key.pem")),
                Map.entry("other root key", ca.resolve("root-key.pem")), Map.entry("empty ca-key", c1.resolve("ca-key.pem")),
                Map.entry("other ca-key", c1.resolve("ca-key.pem")), Map.entry("garbage ca-cert", c1.resolve("ca-cert.pem")),
                Map.entry("ca-cert of another root", c1.resolve("ca-cert.pem")), Map.entry("chain of another root", c1.resolve("cert-chain.pem")),
                Map.entry("cluster root differs", c1.resolve("root-cert.pem")), Map.entry("missing chain", c1.resolve("cert-chain.pem")),
                Map.entry("non-ascii ca-cert", c1.resolve("ca-cert.pem")), Map.entry("root key without root", ca));
        damages.get(damage).accept(ca);
        Map<Path, String> before = snapshot(ca);
        MeshCaException e = assertThrows(MeshCaException.class, () -> new CertStore(ca).loadOrCreate(CLUSTERS.subList(0, 2), KeyType.EC_P256));
        assertEquals(named.get(damage), e.file(), e.getMessage());
        assertTrue(e.getMessage().contains(named.get(damage).toString()), e.getMessage());
        assertEquals(before, snapshot(ca), "nothing in the folder changed");
    }

    private static Map<Path, String> snapshot(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(p -> p, p -> {
                try {
                    return new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
