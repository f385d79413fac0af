package dev.crossmesh.demo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Which tokens a demo cluster takes, as kube-apiserver's token authenticators with service-account lookup do. */
class AuthenticatorTest {
    private static final String SA = "/api/v1/namespaces/istio-system/serviceaccounts/reader";
    private static final String SECRET = "/api/v1/namespaces/istio-system/secrets/reader-token";

    private final Map<String, String> stored = new HashMap<>();
    private final ServiceAccountTokens tokens = new ServiceAccountTokens();
    private final Authenticator authenticator = new Authenticator("internal", "admin-token", tokens, stored::get);

    private void store(String path, Object object) {
        stored.put(path, Serialization.asJson(object));
    }

    private void account(String uid) {
        store(SA, new ServiceAccountBuilder().withNewMetadata().withName("reader").withNamespace("istio-system").withUid(uid).endMetadata().build());
    }

    private void secretHolding(String token) {
        store(SECRET, new SecretBuilder().withNewMetadata().withName("reader-token").withNamespace("istio-system").endMetadata()
                .withType("kubernetes.io/service-account-token")
                .addToData("token", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))).build());
    }

    private Optional<String> who(String authorization) {
        return authenticator.authenticate(authorization, null).map(AuthenticatedUser::name);
    }

    @Test
    void theAdminAndInternalTokensAndNothingMadeUp() {
        assertEquals(Optional.of("kubernetes-admin"), who("Bearer admin-token"));
        assertEquals(Optional.of("kubernetes-admin"), who("bearer admin-token"));
        assertEquals(Optional.of("system:apiserver"), who("Bearer internal"));
        assertEquals(Optional.empty(), who(null));
        assertEquals(Optional.empty(), who("Bearer"));
        assertEquals(Optional.empty(), who("Basic YWRtaW46YWRtaW4="));
        assertEquals(Optional.empty(), who("Bearer admin-token-not"));
        String ws = "base64url.bearer.authorization.k8s.io." + Base64.getUrlEncoder().withoutPadding().encodeToString("admin-token".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of("kubernetes-admin"), authenticator.authenticate(null, "v5.channel.k8s.io, " + ws).map(AuthenticatedUser::name));
    }

    @Test
    void aLegacyTokenHoldsWhileItsSecretHoldsItAndItsServiceAccountIsTheSame() {
        String token = tokens.legacy("istio-system", "reader", "uid-1", "reader-token");
        assertEquals(Optional.empty(), who("Bearer " + token), "no Secret, no service account");
        secretHolding(token);
        assertEquals(Optional.empty(), who("Bearer " + token), "no service account");
        account("uid-1");
        AuthenticatedUser user = authenticator.authenticate("Bearer " + token, null).orElseThrow();
        assertEquals(new AuthenticatedUser("system:serviceaccount:istio-system:reader", "uid-1",
                List.of("system:serviceaccounts", "system:serviceaccounts:istio-system", "system:authenticated")), user);
        account("uid-2");
        assertEquals(Optional.empty(), who("Bearer " + token), "the account was made again");
        account("uid-1");
        secretHolding("another");
        assertEquals(Optional.empty(), who("Bearer " + token), "the Secret holds another token");
    }

    @Test
    void aBoundTokenNeedsItsServiceAccountAndTheApiServersAudience() {
        Instant now = Instant.now();
        account("uid-1");
        String bound = tokens.bound("istio-system", "reader", "uid-1", List.of(), now, now.plusSeconds(600));
        assertEquals(Optional.of("system:serviceaccount:istio-system:reader"), who("Bearer " + bound));
        String vault = tokens.bound("istio-system", "reader", "uid-1", List.of("vault"), now, now.plusSeconds(600));
        assertEquals(Optional.empty(), who("Bearer " + vault), "a token for another audience");
        stored.remove(SA);
        assertEquals(Optional.empty(), who("Bearer " + bound));
    }
}
