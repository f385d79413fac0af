package dev.crossmesh.certs;

import java.util.Arrays;
import java.util.Optional;

/** Key algorithm for the mesh CA. RSA 4096 is what Istio's own tooling makes; EC P-256 is much faster to generate. */
public enum KeyType {
    RSA_4096("rsa-4096", "RSA", 4096, "SHA256withRSA"),
    RSA_2048("rsa-2048", "RSA", 2048, "SHA256withRSA"),
    EC_P256("ec-p256", "EC", 256, "SHA256withECDSA");

    private final String id;
    private final String algorithm;
    private final int size;
    private final String signatureAlgorithm;

    KeyType(String id, String algorithm, int size, String signatureAlgorithm) {
        this.id = id;
        this.algorithm = algorithm;
        this.size = size;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public String id() {
        return id;
    }

    String algorithm() {
        return algorithm;
    }

    int size() {
        return size;
    }

    String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The type of an existing key, so an intermediate is signed with the algorithm its root's key needs. */
    static KeyType of(java.security.PrivateKey key) {
        return "EC".equals(key.getAlgorithm()) ? EC_P256 : RSA_4096;
    }

    public static String choices() {
        return String.join(" | ", Arrays.stream(values()).map(KeyType::id).toList());
    }

    public static Optional<KeyType> parse(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
