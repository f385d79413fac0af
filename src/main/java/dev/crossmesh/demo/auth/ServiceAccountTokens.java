package dev.crossmesh.demo.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Service-account tokens signed by one demo cluster, as JWTs with the claims Kubernetes puts in them: legacy tokens
 * (what the token controller writes into {@code kubernetes.io/service-account-token} Secrets, no expiry) and bound
 * tokens (what a TokenRequest returns, with audiences and an expiry). Signed with HMAC-SHA256 under a key made when
 * the cluster is; only a token this cluster signed verifies, so a token of another cluster or a made-up one does not.
 */
public final class ServiceAccountTokens {
    /** The audience and issuer of kube-apiserver's own bound tokens (its --api-audiences default to the issuer). */
    public static final String API_AUDIENCE = "https://kubernetes.default.svc.cluster.local";
    static final String LEGACY_ISSUER = "kubernetes/serviceaccount";
    private static final String PREFIX = "kubernetes.io/serviceaccount/";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key = new byte[32];

    /** What a verified token says. {@code secretName} is empty and {@code expiry} set for a bound token. */
    public record Claims(String namespace, String serviceAccount, String serviceAccountUid, String secretName, List<String> audiences,
            Instant expiry) {
        public boolean legacy() {
            return expiry == null;
        }
    }

    public ServiceAccountTokens() {
        new SecureRandom().nextBytes(key);
    }

    /** A legacy token for the service account, naming the Secret that holds it. */
    public String legacy(String namespace, String serviceAccount, String serviceAccountUid, String secretName) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", LEGACY_ISSUER);
        claims.put(PREFIX + "namespace", namespace);
        claims.put(PREFIX + "secret.name", secretName);
        claims.put(PREFIX + "service-account.name", serviceAccount);
        claims.put(PREFIX + "service-account.uid", serviceAccountUid);
        claims.put("sub", AuthenticatedUser.serviceAccountName(namespace, serviceAccount));
        return sign(claims);
    }

    /** A bound token, valid for the audiences (the API server's own when none is asked for) until {@code expiry}. */
    public String bound(String namespace, String serviceAccount, String serviceAccountUid, List<String> audiences, Instant issued,
            Instant expiry) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audiences.isEmpty() ? List.of(API_AUDIENCE) : audiences);
        claims.put("exp", expiry.getEpochSecond());
        claims.put("iat", issued.getEpochSecond());
        claims.put("iss", API_AUDIENCE);
        claims.put("kubernetes.io", Map.of("namespace", namespace, "serviceaccount", Map.of("name", serviceAccount, "uid", serviceAccountUid)));
        claims.put("nbf", issued.getEpochSecond());
        claims.put("sub", AuthenticatedUser.serviceAccountName(namespace, serviceAccount));
        return sign(claims);
    }

    /** The claims of a token this cluster signed and that has not expired; empty for anything else. */
    @SuppressWarnings("unchecked")
    public Optional<Claims> verify(String token, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !MessageDigest.isEqual(mac(parts[0] + "." + parts[1]), decode(parts[2]))) {
            return Optional.empty();
        }
        Map<String, Object> claims;
        try {
            claims = Serialization.unmarshal(new String(decode(parts[1]), StandardCharsets.UTF_8), Map.class);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (LEGACY_ISSUER.equals(claims.get("iss"))) {
            return Optional.of(new Claims(text(claims.get(PREFIX + "namespace")), text(claims.get(PREFIX + "service-account.name")),
                    text(claims.get(PREFIX + "service-account.uid")), text(claims.get(PREFIX + "secret.name")), List.of(), null));
        }
        if (!(claims.get("exp") instanceof Number exp) || !(claims.get("kubernetes.io") instanceof Map<?, ?> k8s)
                || !(k8s.get("serviceaccount") instanceof Map<?, ?> account) || !Instant.ofEpochSecond(exp.longValue()).isAfter(now)) {
            return Optional.empty();
        }
        List<String> audiences = claims.get("aud") instanceof List<?> aud ? aud.stream().map(String::valueOf).toList() : List.of();
        return Optional.of(new Claims(text(k8s.get("namespace")), text(account.get("name")), text(account.get("uid")), "", audiences,
                Instant.ofEpochSecond(exp.longValue())));
    }

    private String sign(Map<String, Object> claims) {
        String header = B64.encodeToString(Serialization.asJson(Map.of("alg", "HS256", "typ", "JWT")).getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(Serialization.asJson(claims).getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + B64.encodeToString(mac(header + "." + payload));
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] decode(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
