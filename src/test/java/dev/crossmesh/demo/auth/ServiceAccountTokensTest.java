package dev.crossmesh.demo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ServiceAccountTokensTest {
    private final ServiceAccountTokens tokens = new ServiceAccountTokens();
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aLegacyTokenCarriesItsServiceAccountAndSecret() {
        String token = tokens.legacy("istio-system", "istio-reader-service-account", "uid-1", "reader-token");
        ServiceAccountTokens.Claims claims = tokens.verify(token, now).orElseThrow();
        assertEquals(new ServiceAccountTokens.Claims("istio-system", "istio-reader-service-account", "uid-1", "reader-token", List.of(), null), claims);
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"sub\":\"system:serviceaccount:istio-system:istio-reader-service-account\""), payload);
    }

    @Test
    void onlyTokensThisClusterSignedAndThatAreLiveVerify() {
        String token = tokens.legacy("ns", "sa", "", "s");
        assertEquals(Optional.empty(), new ServiceAccountTokens().verify(token, now), "another cluster's key");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"sa\"", "\"admin\"").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertEquals(Optional.empty(), tokens.verify(forged, now), "claims changed after signing");
        assertEquals(Optional.empty(), tokens.verify("demo-admin", now));
        assertEquals(Optional.empty(), tokens.verify("a.b.c", now));

        String bound = tokens.bound("ns", "sa", "uid", List.of(), now, now.plusSeconds(600));
        ServiceAccountTokens.Claims claims = tokens.verify(bound, now.plusSeconds(599)).orElseThrow();
        assertEquals(List.of(ServiceAccountTokens.API_AUDIENCE), claims.audiences());
        assertEquals(Optional.empty(), tokens.verify(bound, now.plusSeconds(600)), "expired");
    }
}
