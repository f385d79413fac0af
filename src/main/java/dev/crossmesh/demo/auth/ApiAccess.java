package dev.crossmesh.demo.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.crossmesh.demo.apiserver.ApiStatus;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * A demo cluster's authentication and authorization, in front of everything else its API server does: a request
 * without a token this cluster knows gets 401, one its user may not make gets 403 with kube-apiserver's message, and
 * the reviews a client asks about itself and TokenRequests are answered here from the same decisions.
 */
public final class ApiAccess {
    private static final String AUTHORIZATION_GROUP = "authorization.k8s.io";
    private static final String AUTHENTICATION_GROUP = "authentication.k8s.io";

    private final ServiceAccountTokens tokens = new ServiceAccountTokens();
    private final String adminToken = newToken();
    private final StoredObjects store;
    private final Authenticator authenticator;
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final AccessReviews.Policy policy = new AccessReviews.Policy() {
        @Override
        public RbacAuthorizer.Decision authorize(AuthenticatedUser user, RequestAttributes request) {
            return ApiAccess.this.authorize(user, request);
        }

        @Override
        public RbacAuthorizer.Rules rulesFor(AuthenticatedUser user, String namespace) {
            return RbacAuthorizer.rulesFor(user, namespace, StoredRbac.read(store, namespace));
        }
    };

    /** @param internalToken the token of the demo's own clients, which may do everything whatever a test denies */
    public ApiAccess(String internalToken, StoredObjects store) {
        this.store = store;
        this.authenticator = new Authenticator(internalToken, adminToken, tokens, store);
    }

    /** The token of the demo kubeconfig's admin user: made with the cluster, kept across its restarts. */
    public String adminToken() {
        return adminToken;
    }

    /** What signs the cluster's service-account tokens, for its token controller. */
    public ServiceAccountTokens tokens() {
        return tokens;
    }

    /**
     * For tests of missing permissions: the kubeconfig's admin may no longer do "verb resource" (e.g. "create secrets"),
     * in any group or namespace; its requests get 403 and its reviews say no. The demo's own clients are not affected.
     */
    public void deny(String verb, String resource) {
        denied.add(verb + " " + resource);
    }

    /**
     * The answer to a request that is refused (401, 403) or that this class answers itself (reviews, TokenRequest);
     * empty when the request may go on to the rest of the API server.
     */
    public Optional<MockResponse> answer(RecordedRequest request) {
        Optional<AuthenticatedUser> user = authenticator.authenticate(request.getHeader("Authorization"),
                request.getHeader("Sec-WebSocket-Protocol"));
        if (user.isEmpty()) {
            return Optional.of(ApiStatus.failure(401, "Unauthorized", "Unauthorized"));
        }
        RequestAttributes attributes = RequestAttributes.of(request.method().name(), request.getPath());
        RbacAuthorizer.Decision decision = authorize(user.get(), attributes);
        if (!decision.allowed()) {
            return Optional.of(forbidden(user.get(), attributes, decision.reason()));
        }
        try {
            return ownAnswer(user.get(), attributes, request);
        } catch (RequestBodies.Unreadable e) {
            return Optional.of(e.answer());
        }
    }

    private Optional<MockResponse> ownAnswer(AuthenticatedUser user, RequestAttributes a, RecordedRequest request) {
        if (!a.resourceRequest() || !a.verb().equals("create")) {
            return Optional.empty();
        }
        boolean review = a.apiGroup().equals(AUTHORIZATION_GROUP) && a.apiVersion().equals("v1");
        boolean selfReview = a.apiGroup().equals(AUTHENTICATION_GROUP) && a.resource().equals("selfsubjectreviews") && a.name().isEmpty();
        boolean tokenRequest = a.apiGroup().isEmpty() && a.resource().equals("serviceaccounts") && a.subresource().equals("token");
        if (!(review && a.name().isEmpty() && (a.resource().equals("selfsubjectaccessreviews") || a.resource().equals("selfsubjectrulesreviews")))
                && !selfReview && !tokenRequest) {
            return Optional.empty();
        }
        RequestBodies.checkMediaType(request.getHeader("Content-Type"));
        String body = request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
        if (tokenRequest) {
            return Optional.of(TokenRequests.answer(a, body, store, tokens));
        }
        if (selfReview) {
            return Optional.of(AccessReviews.selfReview(user, AUTHENTICATION_GROUP + "/" + a.apiVersion()));
        }
        return Optional.of(a.resource().equals("selfsubjectaccessreviews") ? AccessReviews.accessReview(user, body, policy)
                : AccessReviews.rulesReview(user, body, policy));
    }

    private RbacAuthorizer.Decision authorize(AuthenticatedUser user, RequestAttributes request) {
        if (user.equals(Authenticator.ADMIN) && request.resourceRequest() && denied.contains(request.verb() + " " + request.resource())) {
            return new RbacAuthorizer.Decision(false, "denied for this test (DemoApiServer.deny)");
        }
        if (user.inGroup(AuthenticatedUser.MASTERS)) {
            return new RbacAuthorizer.Decision(true, ""); // no RBAC objects to read for the admin and the demo's own clients
        }
        return RbacAuthorizer.authorize(user, request, StoredRbac.read(store, request.namespace()));
    }

    /** kube-apiserver's 403: "secrets is forbidden: User ... cannot create resource ..." and details naming the resource. */
    static MockResponse forbidden(AuthenticatedUser user, RequestAttributes a, String reason) {
        String message;
        if (a.resourceRequest()) {
            String scope = a.namespace().isEmpty() ? " at the cluster scope" : " in the namespace \"" + a.namespace() + "\"";
            message = "User \"" + user.name() + "\" cannot " + a.verb() + " resource \"" + a.combinedResource() + "\" in API group \""
                    + a.apiGroup() + "\"" + scope;
        } else {
            message = "User \"" + user.name() + "\" cannot " + a.verb() + " path \"" + a.path() + "\"";
        }
        // kube-apiserver escapes what could read as HTML in the part it builds from the request
        message = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        if (!reason.isEmpty()) {
            message += ": " + reason;
        }
        String prefix;
        if (a.resource().isEmpty() && a.apiGroup().isEmpty()) {
            prefix = "forbidden: ";
        } else if (a.name().isEmpty()) {
            prefix = a.groupResource() + " is forbidden: ";
        } else {
            prefix = a.groupResource() + " \"" + a.name() + "\" is forbidden: ";
        }
        return ApiStatus.failure(403, "Forbidden", prefix + message, AccessReviews.details(a.name(), a.apiGroup(), a.resource()));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
