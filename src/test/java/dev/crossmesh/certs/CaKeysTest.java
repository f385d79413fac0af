package dev.crossmesh.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.plan.ClusterCerts;

/** Keys made ahead: as many as the CA folder lacks, each used once, by the CA that is then made. */
class CaKeysTest {
    @Test
    void aNewCaNeedsItsRootAndOneKeyPerClusterAndTakesTheKeysMadeAhead(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("certs");
        List<String> clusters = List.of("east", "west", "north");
        CaKeys.Preparation keys = CaKeys.prepareFor(ca, clusters, KeyType.EC_P256);
        assertEquals(4, keys.total(), "the root and three intermediates");
        // asking again while the plan is edited makes no more keys than the largest plan needs
        CaKeys.Preparation again = CaKeys.prepareFor(ca, clusters, KeyType.EC_P256);
        assertEquals(keys.keys(), again.keys());

        List<int[]> progress = new ArrayList<>();
        keys.await(Duration.ofMillis(1), (done, total) -> progress.add(new int[] {done, total}));
        assertEquals(4, keys.done());
        progress.forEach(p -> assertTrue(p[0] <= p[1] && p[1] == 4));
        Set<String> made = new HashSet<>();
        for (var k : keys.keys()) {
            made.add(Pem.encode(k.get().getPublic()));
        }

        Map<String, ClusterCerts> certs = new CertStore(ca).loadOrCreate(clusters, KeyType.EC_P256).clusters();
        Set<String> used = new HashSet<>();
        used.add(Pem.encode(new CertStore(ca).rootCertificate().getPublicKey()));
        for (ClusterCerts c : certs.values()) {
            used.add(Pem.encode(Pem.certificate(c.caCertPem()).getPublicKey()));
        }
        assertEquals(made, used, "the CA is made of the keys made ahead, each once");
        assertEquals(0, CaKeys.prepareFor(ca, clusters, KeyType.EC_P256).total(), "a complete CA needs no keys");
        assertEquals(1, CaKeys.prepareFor(ca, List.of("east", "south"), KeyType.EC_P256).total(), "a new cluster needs one");
    }

    @Test
    void withoutKeysMadeAheadAKeyIsMadeOnTheSpotAndNoTwoAreAlike() throws Exception {
        KeyPair a = CaKeys.take(KeyType.RSA_2048);
        KeyPair b = CaKeys.take(KeyType.RSA_2048);
        assertEquals("RSA", a.getPublic().getAlgorithm());
        assertNotEquals(a.getPublic(), b.getPublic());
    }
}
