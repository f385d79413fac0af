package dev.crossmesh.demo.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.crossmesh.demo.apiserver.ApiStatus;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestSpec;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestStatus;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The {@code serviceaccounts/token} subresource ({@code kubectl create token}): a bound token for an existing service
 * account, for the API server's audience unless others are asked for, valid for an hour unless asked otherwise
 * (at least ten minutes, as kube-apiserver requires).
 */
final class TokenRequests {
    static final long DEFAULT_SECONDS = 3600;
    static final long MIN_SECONDS = 600;

    private TokenRequests() {
    }

    static MockResponse answer(RequestAttributes request, String body, StoredObjects store, ServiceAccountTokens tokens) {
        ServiceAccount account = store.get("/api/v1/namespaces/" + request.namespace() + "/serviceaccounts/" + request.name(), ServiceAccount.class)
                .orElse(null);
        if (account == null) {
            return ApiStatus.failure(404, "NotFound", "serviceaccounts \"" + request.name() + "\" not found",
                    AccessReviews.details(request.name(), "", "serviceaccounts"));
        }
        TokenRequest tokenRequest = body.isBlank() ? new TokenRequest() : RequestBodies.parse(body, TokenRequest.class);
        TokenRequestSpec spec = tokenRequest.getSpec() == null ? new TokenRequestSpec() : tokenRequest.getSpec();
        long seconds = spec.getExpirationSeconds() == null ? DEFAULT_SECONDS : spec.getExpirationSeconds();
        if (seconds < MIN_SECONDS) {
            return ApiStatus.failure(422, "Invalid", "TokenRequest.authentication.k8s.io \"" + request.name() + "\" is invalid: "
                    + "spec.expirationSeconds: Invalid value: " + seconds + ": may not specify a duration less than 10 minutes",
                    AccessReviews.details(request.name(), "authentication.k8s.io", "TokenRequest"));
        }
        List<String> audiences = spec.getAudiences() == null || spec.getAudiences().isEmpty() ? List.of(ServiceAccountTokens.API_AUDIENCE)
                : spec.getAudiences();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = now.plusSeconds(seconds);
        String uid = account.getMetadata().getUid() == null ? "" : account.getMetadata().getUid();
        spec.setAudiences(audiences);
        spec.setExpirationSeconds(seconds);
        tokenRequest.setSpec(spec);
        tokenRequest.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(request.name())
                .withNamespace(request.namespace()).withCreationTimestamp(now.toString()).build());
        TokenRequestStatus status = new TokenRequestStatus();
        status.setExpirationTimestamp(expiry.toString());
        status.setToken(tokens.bound(request.namespace(), request.name(), uid, audiences, now, expiry));
        tokenRequest.setStatus(status);
        return ApiStatus.json(201, tokenRequest);
    }
}
