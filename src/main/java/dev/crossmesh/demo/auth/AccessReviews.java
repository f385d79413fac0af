package dev.crossmesh.demo.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.demo.apiserver.ApiStatus;
import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewSpec;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatus;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The reviews a client asks about itself, answered from the same decisions that guard its requests:
 * SelfSubjectAccessReview ({@code kubectl auth can-i VERB RESOURCE}), SelfSubjectRulesReview
 * ({@code kubectl auth can-i --list}) and SelfSubjectReview ({@code kubectl auth whoami}).
 */
final class AccessReviews {
    /** What the reviews ask of the cluster's authorization. */
    interface Policy {
        RbacAuthorizer.Decision authorize(AuthenticatedUser user, RequestAttributes request);

        RbacAuthorizer.Rules rulesFor(AuthenticatedUser user, String namespace);
    }

    private AccessReviews() {
    }

    static MockResponse accessReview(AuthenticatedUser user, String body, Policy policy) {
        SelfSubjectAccessReview review = RequestBodies.parse(body, SelfSubjectAccessReview.class);
        ResourceAttributes resource = review.getSpec() == null ? null : review.getSpec().getResourceAttributes();
        NonResourceAttributes nonResource = review.getSpec() == null ? null : review.getSpec().getNonResourceAttributes();
        if ((resource == null) == (nonResource == null)) {
            return ApiStatus.failure(422, "Invalid", "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: "
                    + "Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified",
                    details("", "authorization.k8s.io", "SelfSubjectAccessReview"));
        }
        RequestAttributes asked = resource != null
                ? RequestAttributes.resource(resource.getVerb(), resource.getGroup(), resource.getVersion(), resource.getResource(),
                        resource.getSubresource(), resource.getNamespace(), resource.getName())
                : RequestAttributes.nonResource(nonResource.getVerb(), nonResource.getPath());
        RbacAuthorizer.Decision decision = policy.authorize(user, asked);
        SubjectAccessReviewStatus status = new SubjectAccessReviewStatus();
        status.setAllowed(decision.allowed());
        if (!decision.reason().isEmpty()) {
            status.setReason(decision.reason());
        }
        review.setStatus(status);
        return ApiStatus.json(201, review);
    }

    static MockResponse rulesReview(AuthenticatedUser user, String body, Policy policy) {
        SelfSubjectRulesReview review = RequestBodies.parse(body, SelfSubjectRulesReview.class);
        if (review.getSpec() == null) {
            review.setSpec(new SelfSubjectRulesReviewSpec());
        }
        String namespace = review.getSpec().getNamespace() == null ? "" : review.getSpec().getNamespace();
        RbacAuthorizer.Rules rules = policy.rulesFor(user, namespace);
        List<ResourceRule> resourceRules = new ArrayList<>();
        List<NonResourceRule> nonResourceRules = new ArrayList<>();
        for (PolicyRule r : rules.rules()) {
            if (r.getResources() != null && !r.getResources().isEmpty()) {
                resourceRules.add(new ResourceRuleBuilder().withVerbs(r.getVerbs()).withApiGroups(r.getApiGroups())
                        .withResources(r.getResources()).withResourceNames(r.getResourceNames()).build());
            }
            if (r.getNonResourceURLs() != null && !r.getNonResourceURLs().isEmpty()) {
                nonResourceRules.add(new NonResourceRuleBuilder().withVerbs(r.getVerbs()).withNonResourceURLs(r.getNonResourceURLs()).build());
            }
        }
        SubjectRulesReviewStatus status = new SubjectRulesReviewStatus();
        status.setResourceRules(resourceRules);
        status.setNonResourceRules(nonResourceRules);
        status.setIncomplete(!rules.errors().isEmpty());
        if (!rules.errors().isEmpty()) {
            status.setEvaluationError(String.join(", ", rules.errors()));
        }
        review.setStatus(status);
        return ApiStatus.json(201, review);
    }

    /** {@code kubectl auth whoami}: the user as the cluster sees it, at whichever version was asked. */
    static MockResponse selfReview(AuthenticatedUser user, String apiVersion) {
        Map<String, Object> userInfo = new LinkedHashMap<>();
        userInfo.put("username", user.name());
        if (!user.uid().isEmpty()) {
            userInfo.put("uid", user.uid());
        }
        userInfo.put("groups", user.groups());
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("kind", "SelfSubjectReview");
        review.put("apiVersion", apiVersion);
        review.put("metadata", Map.of());
        review.put("status", Map.of("userInfo", userInfo));
        return ApiStatus.json(201, review);
    }

    /** A Status's details as kube-apiserver writes them: empty fields left out. */
    static Map<String, Object> details(String name, String group, String kind) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!name.isEmpty()) {
            details.put("name", name);
        }
        if (!group.isEmpty()) {
            details.put("group", group);
        }
        if (!kind.isEmpty()) {
            details.put("kind", kind);
        }
        return details;
    }
}
