package dev.crossmesh.certs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.crossmesh.plan.ClusterCerts;

/**
 * Makes a root and per-cluster intermediates the way Istio's {@code tools/certs} Makefiles do:
 * root {@code O=Istio, CN=Root CA}; intermediate {@code O=Istio, CN=Intermediate CA, L=<cluster>}, pathlen 0,
 * SAN {@code istiod.istio-system.svc}; SHA-256 signatures; ten years. Keys come from {@link CaKeys}, made ahead when asked.
 */
public final class MeshCertificateAuthority {
    public static final Duration VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private MeshCertificateAuthority() {
    }

    public static RootCa createRoot(KeyType keyType) {
        try {
            KeyPair pair = CaKeys.take(keyType);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Istio").addRDN(BCStyle.CN, "Root CA").build();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, keyUsage(keyType));
            return new RootCa(sign(builder, pair.getPrivate(), keyType), pair.getPrivate());
        } catch (GeneralSecurityException | java.io.IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the mesh root certificate: " + e.getMessage(), e);
        }
    }

    public static ClusterCerts issueIntermediate(RootCa root, String clusterName, KeyType keyType) {
        try {
            KeyPair pair = CaKeys.take(keyType);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "Istio").addRDN(BCStyle.CN, "Intermediate CA").addRDN(BCStyle.L, clusterName).build();
            X500Name issuer = X500Name.getInstance(root.certificate().getSubjectX500Principal().getEncoded());
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root.certificate()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, keyUsage(keyType));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "istiod.istio-system.svc")));
            X509Certificate cert = sign(builder, root.key(), KeyType.of(root.key()));
            String caCert = Pem.encode(cert);
            String rootCert = Pem.encode(root.certificate());
            return new ClusterCerts(caCert, Pem.encode(pair.getPrivate()), rootCert, caCert + rootCert);
        } catch (GeneralSecurityException | java.io.IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the intermediate certificate of cluster " + clusterName + ": " + e.getMessage(), e);
        }
    }

    private static KeyUsage keyUsage(KeyType keyType) {
        int usage = KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyCertSign | KeyUsage.cRLSign;
        if (keyType != KeyType.EC_P256) {
            usage |= KeyUsage.keyEncipherment;
        }
        return new KeyUsage(usage);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, java.security.PrivateKey key, KeyType keyType)
            throws OperatorCreationException, GeneralSecurityException {
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(keyType.signatureAlgorithm()).build(key));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
