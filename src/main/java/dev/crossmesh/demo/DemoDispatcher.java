package dev.crossmesh.demo;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * fabric8's CRUD mock with the few API-server behaviours crossmesh relies on and the mock lacks:
 * server-side dry-run ({@code dryRun=All} changes nothing), and SelfSubjectAccessReview (a demo cluster allows
 * everything unless a test denies it). Expectations set on the server still come first, so tests can inject 403/409/500 answers.
 */
final class DemoDispatcher extends KubernetesMixedDispatcher {
    private final AtomicLong requests = new AtomicLong();
    private final java.util.Set<String> denied = java.util.concurrent.ConcurrentHashMap.newKeySet();

    DemoDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
        super(responses);
    }

    long requestCount() {
        return requests.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        String path = request.getPath();
        if (path.contains("dryRun=All") && request.method() != HttpMethod.GET) {
            return dryRun(request);
        }
        if (request.method() == HttpMethod.POST && path.startsWith("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")) {
            return accessReview(request);
        }
        return super.dispatch(request);
    }

    /** Answers as the API server would, without storing anything: 404/409 where a real write would fail. */
    private MockResponse dryRun(RecordedRequest request) {
        String path = request.getPath().replaceAll("[?&]dryRun=All", "").replaceFirst("&", "?");
        String objectPath = path.split("\\?")[0];
        if (request.method() == HttpMethod.POST) {
            String body = request.getUtf8Body();
            @SuppressWarnings("unchecked")
            Map<String, Object> object = Serialization.unmarshal(body, Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
            String name = metadata == null ? null : (String) metadata.get("name");
            if (name != null && get(objectPath + "/" + name).code() == 200) {
                return status(409, "AlreadyExists", name + " already exists");
            }
            return new MockResponse().setResponseCode(201).setBody(body);
        }
        // PUT, PATCH, DELETE: the object must exist; answer with it as it stands
        return get(objectPath);
    }

    private MockResponse get(String path) {
        return super.dispatch(new RecordedRequest("GET " + path + " HTTP/1.1", HttpMethod.GET, path,
                Headers.builder().build(), new Buffer()));
    }

    /** Denies "verb resource" pairs such as "create secrets", for tests of missing permissions. */
    void deny(String verb, String resource) {
        denied.add(verb + " " + resource);
    }

    @SuppressWarnings("unchecked")
    private MockResponse accessReview(RecordedRequest request) {
        Map<String, Object> review = Serialization.unmarshal(request.getUtf8Body(), Map.class);
        Map<String, Object> attributes = (Map<String, Object>) ((Map<String, Object>) review.getOrDefault("spec", Map.of()))
                .getOrDefault("resourceAttributes", Map.of());
        boolean allowed = !denied.contains(attributes.get("verb") + " " + attributes.get("resource"));
        review.put("status", Map.of("allowed", allowed, "reason", allowed ? "demo cluster: allowed" : "demo cluster: denied for this test"));
        return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(review));
    }

    private static MockResponse status(int code, String reason, String message) {
        String json = Serialization.asJson(Map.of("apiVersion", "v1", "kind", "Status", "status", "Failure",
                "code", code, "reason", reason, "message", message));
        return new MockResponse().setResponseCode(code).setBody(new Buffer(json.getBytes(StandardCharsets.UTF_8)));
    }
}
