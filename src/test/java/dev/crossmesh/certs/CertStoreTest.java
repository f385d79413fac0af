package dev.crossmesh.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.plan.ClusterCerts;

class CertStoreTest {

    @Test
    void intermediatesChainToTheRootWithRsa(@TempDir Path dir) throws Exception {
        Map<String, ClusterCerts> certs = new CertStore(dir).loadOrCreate(List.of("cluster-1", "cluster-2"), KeyType.RSA_2048).clusters();
        X509Certificate root = Pem.certificate(certs.get("cluster-1").rootCertPem());
        for (ClusterCerts c : certs.values()) {
            validate(c, root);
        }
    }

    @Test
    void intermediateHasIstioShape(@TempDir Path dir) throws Exception {
        ClusterCerts c = new CertStore(dir).loadOrCreate(List.of("cluster-1"), KeyType.EC_P256).clusters().get("cluster-1");
        X509Certificate ca = Pem.certificate(c.caCertPem());
        assertEquals(0, ca.getBasicConstraints(), "pathlen 0");
        assertTrue(ca.getSubjectX500Principal().getName().contains("CN=Intermediate CA"));
        assertTrue(ca.getSubjectX500Principal().getName().contains("L=cluster-1"));
        assertTrue(ca.getSubjectAlternativeNames().stream().anyMatch(san -> san.get(1).equals("istiod.istio-system.svc")));
        assertTrue(ca.getKeyUsage()[5], "keyCertSign");
        assertTrue(ca.getCriticalExtensionOIDs().contains("2.5.29.19"), "basicConstraints is critical");
        assertTrue(ca.getNotAfter().getTime() - ca.getNotBefore().getTime() > 3600L * 24 * 3649 * 1000);
        List<X509Certificate> chain = Pem.certificates(c.certChainPem());
        assertEquals(2, chain.size(), "cert-chain.pem = intermediate + root");
        assertEquals(ca, chain.get(0));
        assertEquals(Pem.certificate(c.rootCertPem()), chain.get(1));
        Pem.privateKey(c.caKeyPem());
    }

    @Test
    void rootIsReusedAndKeysAreOwnerOnly(@TempDir Path dir) throws Exception {
        CertStore store = new CertStore(dir);
        ClusterCerts first = store.loadOrCreate(List.of("a"), KeyType.EC_P256).clusters().get("a");
        Map<String, ClusterCerts> again = store.loadOrCreate(List.of("a", "b"), KeyType.EC_P256).clusters();
        assertEquals(first, again.get("a"), "an existing intermediate is reused as it is");
        assertEquals(first.rootCertPem(), again.get("b").rootCertPem(), "a new cluster joins the same root");
        validate(again.get("b"), Pem.certificate(first.rootCertPem()));
        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve("root-key.pem")));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve("a").resolve("ca-key.pem")));
    }

    @Test
    void anotherRootDoesNotValidate(@TempDir Path a, @TempDir Path b) throws Exception {
        ClusterCerts one = new CertStore(a).loadOrCreate(List.of("x"), KeyType.EC_P256).clusters().get("x");
        ClusterCerts other = new CertStore(b).loadOrCreate(List.of("x"), KeyType.EC_P256).clusters().get("x");
        assertNotEquals(one.rootCertPem(), other.rootCertPem());
        assertThrows(CertPathValidatorException.class, () -> validate(one, Pem.certificate(other.rootCertPem())));
    }

    @Test
    void defaultKeyTypeIsRsa4096LikeIstio() throws Exception {
        X509Certificate root = MeshCertificateAuthority.createRoot(KeyType.RSA_4096).certificate();
        assertEquals(4096, ((java.security.interfaces.RSAPublicKey) root.getPublicKey()).getModulus().bitLength());
        assertEquals("SHA256withRSA", root.getSigAlgName());
    }

    static void validate(ClusterCerts c, X509Certificate root) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        CertPath path = cf.generateCertPath(List.of(Pem.certificate(c.caCertPem())));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }
}
