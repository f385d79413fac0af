package dev.crossmesh.demo.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.crossmesh.demo.apiserver.ApiStatus;
import dev.crossmesh.demo.fields.Json;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * {@code kubectl auth can-i --list} (SelfSubjectRulesReview) and {@code kubectl auth whoami} (SelfSubjectReview):
 * answered, never stored, as kube-apiserver does. The demo's user is its cluster's admin and may do everything.
 */
final class SelfReviews {
    private SelfReviews() {
    }

    static Optional<MockResponse> answer(RecordedRequest request, ApiPath path, String cluster) {
        if (request.method() != HttpMethod.POST || path.name() != null) {
            return Optional.empty();
        }
        boolean rules = path.group().equals("authorization.k8s.io") && path.plural().equals("selfsubjectrulesreviews");
        boolean whoami = path.group().equals("authentication.k8s.io") && path.plural().equals("selfsubjectreviews");
        if (!rules && !whoami) {
            return Optional.empty();
        }
        Map<String, Object> review;
        try {
            review = Json.object(Json.parse(request.getBody() == null ? new byte[0] : request.getBody().getBytes()));
        } catch (IllegalArgumentException e) {
            review = null;
        }
        if (review == null) {
            return Optional.of(ApiStatus.failure(400, "BadRequest", "the request body is not a review"));
        }
        Map<String, Object> status = new LinkedHashMap<>();
        if (rules) {
            status.put("resourceRules", List.of(Map.of("verbs", List.of("*"), "apiGroups", List.of("*"), "resources", List.of("*"))));
            status.put("nonResourceRules", List.of(Map.of("verbs", List.of("*"), "nonResourceURLs", List.of("*"))));
            status.put("incomplete", false);
        } else {
            status.put("userInfo", Map.of("username", (cluster.isEmpty() ? "demo" : cluster) + "-admin",
                    "groups", List.of("system:masters", "system:authenticated")));
        }
        review.put("status", status);
        review.putIfAbsent("metadata", Map.of());
        return Optional.of(ApiStatus.json(201, review));
    }
}
