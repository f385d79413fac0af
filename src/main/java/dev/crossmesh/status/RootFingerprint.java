package dev.crossmesh.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SHA-256 fingerprints of PEM certificates, as {@code openssl x509 -fingerprint -sha256} computes them (over the DER). */
final class RootFingerprint {
    private static final Pattern FIRST_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

    private RootFingerprint() {
    }

    /**
     * @return lower-case hex of the SHA-256 of the first certificate's DER; of the text itself when it holds no
     *         decodable PEM block (so two different texts still differ); "" for null or blank input
     */
    static String sha256(String pem) {
        if (pem == null || pem.isBlank()) {
            return "";
        }
        Matcher m = FIRST_CERTIFICATE.matcher(pem);
        if (m.find()) {
            try {
                return hex(Base64.getMimeDecoder().decode(m.group(1).trim()));
            } catch (IllegalArgumentException notBase64) {
                // fall through: fingerprint the text
            }
        }
        return hex(pem.replace("\r\n", "\n").trim().getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
