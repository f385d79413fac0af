package dev.crossmesh.demo.semantics;

import java.util.Map;

import dev.crossmesh.demo.apiserver.ApiStatus;
import io.fabric8.mockwebserver.http.MockResponse;

/** The Status answers of the semantics here, worded as kube-apiserver words them. */
final class Statuses {
    private Statuses() {
    }

    static MockResponse notFound(String resource, String name) {
        return ApiStatus.failure(404, "NotFound", resource + " \"" + name + "\" not found", Map.of("name", name, "kind", resource));
    }

    static MockResponse conflict(String resource, String name, String why) {
        return ApiStatus.failure(409, "Conflict", "Operation cannot be fulfilled on " + resource + " \"" + name + "\": " + why,
                Map.of("name", name, "kind", resource));
    }

    static MockResponse forbidden(String resource, String name, String why) {
        return ApiStatus.failure(403, "Forbidden", resource + " \"" + name + "\" is forbidden: " + why, Map.of("name", name, "kind", resource));
    }

    static MockResponse invalid(String kind, String name, String field, String why) {
        return ApiStatus.failure(422, "Invalid", kind + " \"" + name + "\" is invalid: " + field + ": " + why,
                Map.of("name", name, "kind", kind, "causes", java.util.List.of(Map.of("reason", "FieldValueInvalid", "message", why, "field", field))));
    }
}
