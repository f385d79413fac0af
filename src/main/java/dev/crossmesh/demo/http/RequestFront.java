package dev.crossmesh.demo.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.crossmesh.demo.apiserver.ApiPath;
import dev.crossmesh.demo.apiserver.ApiStatus;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * What a demo cluster answers before its store: the CRUD mock answers a path it does not know with every object it
 * matches, which on a demo cluster holds CA keys and tokens, so a path that is neither discovery, a health check,
 * OpenAPI nor a resource of the API's grammar is a 404 here; so is a subresource the demo does not serve.
 */
public final class RequestFront {
    /** Subresources the demo's handlers (or the mock, for status) answer; {@code log} is answered here. */
    private static final Set<String> SUBRESOURCES = Set.of("status", "scale", "exec", "attach", "portforward", "binding", "eviction",
            "ephemeralcontainers", "resize", "finalize", "token", "approval", "log");
    /** Subresources that only stream over an upgraded connection. */
    private static final Set<String> STREAMS = Set.of("exec", "attach", "portforward");
    private static final List<String> DISCOVERY = List.of("/version", "/api", "/apis");

    private RequestFront() {
    }

    /**
     * @param cluster the demo cluster's name, for what its pods' logs say
     * @param stored  the stored object at an object path, or null
     * @param crds    the CRDs the cluster has now, read only for OpenAPI
     */
    public static Optional<MockResponse> answer(RecordedRequest request, String cluster, Function<String, Map<String, Object>> stored,
            Supplier<List<CustomResourceDefinition>> crds) {
        if (ContentTypes.protobufBody(request)) {
            return Optional.of(ContentTypes.unsupportedMediaType());
        }
        String pathAndQuery = request.getPath();
        String path = pathAndQuery.split("\\?", 2)[0];
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Optional<MockResponse> health = HealthEndpoints.answer(pathAndQuery);
        if (health.isPresent()) {
            return health;
        }
        if (path.startsWith("/openapi/") && request.method() == HttpMethod.GET) {
            return Optional.of(OpenApiDocuments.answer(path, request.getHeader("Accept"), crds.get()).orElseGet(RequestFront::notFound));
        }
        if (DISCOVERY.contains(path)
                || isGroupOrVersion(path)) {
            return Optional.empty();
        }
        Optional<ApiPath> api = ApiPath.parse(pathAndQuery);
        if (api.isEmpty() || (api.get().subresource() != null && !SUBRESOURCES.contains(api.get().subresource()))) {
            return Optional.of(notFound());
        }
        Optional<MockResponse> invalid = FieldValidation.strict(request);
        if (invalid.isPresent()) {
            return invalid;
        }
        if (STREAMS.contains(String.valueOf(api.get().subresource())) && request.getHeader("Upgrade") == null) {
            return Optional.of(ApiStatus.failure(400, "BadRequest", "Upgrade request required", Map.of()));
        }
        if (PodLogs.isLog(api.get())) {
            return Optional.of(request.method() == HttpMethod.GET ? PodLogs.answer(api.get(), cluster, stored) : methodNotAllowed());
        }
        return Optional.empty();
    }

    /** {@code /api/v1}, {@code /apis/GROUP}, {@code /apis/GROUP/VERSION}: discovery. */
    private static boolean isGroupOrVersion(String path) {
        String[] parts = path.substring(1).split("/");
        return (parts[0].equals("api") && parts.length == 2) || (parts[0].equals("apis") && (parts.length == 2 || parts.length == 3));
    }

    public static MockResponse notFound() {
        return ApiStatus.failure(404, "NotFound", "the server could not find the requested resource", Map.of());
    }

    private static MockResponse methodNotAllowed() {
        return ApiStatus.failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", Map.of());
    }
}
