package dev.crossmesh.demo.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;

/**
 * Who sent a request, from its bearer token, as kube-apiserver's token authenticators decide with anonymous requests
 * turned off: the admin token of the demo kubeconfig, the demo's own internal token, or a service-account token this
 * cluster signed whose service account still exists (same uid) and, for a legacy token, whose Secret still holds it.
 * The token comes in the {@code Authorization: Bearer} header, or for a browser-style WebSocket in the
 * {@code base64url.bearer.authorization.k8s.io.} sub-protocol.
 */
public final class Authenticator {
    /** The kubeconfig's user, as kind and kubeadm name theirs. */
    public static final AuthenticatedUser ADMIN = new AuthenticatedUser("kubernetes-admin", "",
            List.of(AuthenticatedUser.MASTERS, AuthenticatedUser.AUTHENTICATED));
    /** The demo's own controllers, as kube-apiserver's loopback client. */
    public static final AuthenticatedUser INTERNAL = new AuthenticatedUser("system:apiserver", "",
            List.of(AuthenticatedUser.MASTERS, AuthenticatedUser.AUTHENTICATED));
    private static final String PROTOCOL_PREFIX = "base64url.bearer.authorization.k8s.io.";

    private final String internalToken;
    private final String adminToken;
    private final ServiceAccountTokens tokens;
    private final StoredObjects store;

    public Authenticator(String internalToken, String adminToken, ServiceAccountTokens tokens, StoredObjects store) {
        this.internalToken = internalToken;
        this.adminToken = adminToken;
        this.tokens = tokens;
        this.store = store;
    }

    /** The user of the first token that authenticates, or empty (a 401) when none does or there is none. */
    public Optional<AuthenticatedUser> authenticate(String authorization, String webSocketProtocols) {
        for (String token : bearerTokens(authorization, webSocketProtocols)) {
            Optional<AuthenticatedUser> user = user(token);
            if (user.isPresent()) {
                return user;
            }
        }
        return Optional.empty();
    }

    static List<String> bearerTokens(String authorization, String webSocketProtocols) {
        List<String> found = new ArrayList<>();
        if (authorization != null) {
            String[] parts = authorization.trim().split(" ", 3);
            if (parts.length >= 2 && parts[0].toLowerCase(Locale.ROOT).equals("bearer") && !parts[1].isEmpty()) {
                found.add(parts[1]);
            }
        }
        if (webSocketProtocols != null) {
            for (String protocol : webSocketProtocols.split(",")) {
                String p = protocol.trim();
                if (p.startsWith(PROTOCOL_PREFIX)) {
                    try {
                        found.add(new String(Base64.getUrlDecoder().decode(p.substring(PROTOCOL_PREFIX.length())), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        // not base64url: no token
                    }
                }
            }
        }
        return found;
    }

    private Optional<AuthenticatedUser> user(String token) {
        if (same(token, internalToken)) {
            return Optional.of(INTERNAL);
        }
        if (same(token, adminToken)) {
            return Optional.of(ADMIN);
        }
        return tokens.verify(token, Instant.now()).flatMap(claims -> serviceAccount(token, claims));
    }

    private Optional<AuthenticatedUser> serviceAccount(String token, ServiceAccountTokens.Claims claims) {
        if (claims.namespace().isEmpty() || claims.serviceAccount().isEmpty()) {
            return Optional.empty();
        }
        if (claims.legacy()) {
            if (claims.secretName().isEmpty() || !holds(claims.namespace(), claims.secretName(), token)) {
                return Optional.empty(); // the Secret went, or holds another token: revoked
            }
        } else if (!claims.audiences().contains(ServiceAccountTokens.API_AUDIENCE)) {
            return Optional.empty(); // a token for another audience is not one for the API server
        }
        Optional<ServiceAccount> account = store.get("/api/v1/namespaces/" + claims.namespace() + "/serviceaccounts/" + claims.serviceAccount(),
                ServiceAccount.class).filter(a -> a.getMetadata() != null && a.getMetadata().getDeletionTimestamp() == null);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        String uid = account.get().getMetadata().getUid() == null ? "" : account.get().getMetadata().getUid();
        if (!claims.serviceAccountUid().isEmpty() && !uid.isEmpty() && !uid.equals(claims.serviceAccountUid())) {
            return Optional.empty(); // the service account was deleted and made again: the old one's tokens are void
        }
        return Optional.of(AuthenticatedUser.serviceAccount(claims.namespace(), claims.serviceAccount(), uid));
    }

    private boolean holds(String namespace, String secretName, String token) {
        return store.get("/api/v1/namespaces/" + namespace + "/secrets/" + secretName, Secret.class)
                .filter(s -> s.getMetadata() != null && s.getMetadata().getDeletionTimestamp() == null)
                .map(s -> s.getData() == null ? null : s.getData().get("token"))
                .map(encoded -> {
                    try {
                        return same(new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8), token);
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                })
                .orElse(false);
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
