package dev.crossmesh.demo.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.crossmesh.demo.apiserver.ApiPath;
import dev.crossmesh.demo.apiserver.ApiStatus;
import dev.crossmesh.demo.apiserver.BuiltInResources;
import dev.crossmesh.demo.apiserver.ResourceType;
import dev.crossmesh.demo.fields.Json;
import dev.crossmesh.demo.fields.SchemaType;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Server-side field validation ({@code fieldValidation=Strict} or {@code Warn}) of writes of built-in kinds. The
 * OpenAPI documents tell kubectl that the server validates, so {@code kubectl apply --validate=strict} of a
 * manifest with a misspelt field must fail here, as on a real cluster, instead of storing it.
 */
public final class FieldValidation {
    private FieldValidation() {
    }

    /** A 400 for a Strict write with fields the kind does not have; empty otherwise. */
    public static Optional<MockResponse> strict(RecordedRequest request) {
        if (!"strict".equals(mode(request))) {
            return Optional.empty();
        }
        List<String> unknown = unknown(request);
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        ResourceType type = type(request).orElseThrow();
        return Optional.of(ApiStatus.failure(400, "BadRequest", type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                + type.kind() + ": strict decoding error: " + String.join(", ", unknown.stream().map(f -> "unknown field \"" + f + "\"").toList())));
    }

    /** The Warning headers a Warn write gets, one a field. */
    public static List<String> warnings(RecordedRequest request) {
        if (!"warn".equals(mode(request))) {
            return List.of();
        }
        return unknown(request).stream().map(f -> "299 - \"unknown field \\\"" + f + "\\\"\"").toList();
    }

    private static String mode(RecordedRequest request) {
        if (request.method() != HttpMethod.POST && request.method() != HttpMethod.PUT && request.method() != HttpMethod.PATCH) {
            return "";
        }
        return ApiPath.parse(request.getPath()).map(p -> p.query().getOrDefault("fieldValidation", "")).orElse("").toLowerCase(Locale.ROOT);
    }

    private static Optional<ResourceType> type(RecordedRequest request) {
        return ApiPath.parse(request.getPath()).filter(p -> p.subresource() == null || p.subresource().equals("status"))
                .flatMap(p -> ServedTypes.find(BuiltInResources.all(), p.group(), p.version(), p.plural()));
    }

    /** The dotted paths of the body's fields that the kind's schema does not declare. */
    static List<String> unknown(RecordedRequest request) {
        String contentType = String.valueOf(request.getHeader("Content-Type")).toLowerCase(Locale.ROOT);
        Optional<ResourceType> type = type(request);
        if (type.isEmpty() || request.getBody() == null || contentType.contains("json-patch") || contentType.contains("apply-patch")
                || !contentType.contains("json")) {
            return List.of();
        }
        Object body;
        try {
            body = Json.parse(request.getBody().getBytes());
        } catch (IllegalArgumentException e) {
            return List.of(); // not JSON: the store answers it
        }
        List<String> unknown = new ArrayList<>();
        walk(body, type.get().schema(), "", unknown);
        return unknown;
    }

    private static void walk(Object value, SchemaType schema, String at, List<String> unknown) {
        if (schema instanceof SchemaType.Struct struct && value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.startsWith("$")) {
                    continue; // a strategic merge patch's directive
                }
                SchemaType field = struct.field(key);
                String path = at.isEmpty() ? key : at + "." + key;
                if (field == null) {
                    unknown.add(path);
                } else {
                    walk(e.getValue(), field, path, unknown);
                }
            }
        } else if (schema instanceof SchemaType.ListOf list && value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), list.element(), at + "[" + i + "]", unknown);
            }
        } else if (schema instanceof SchemaType.MapOf map && value instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> walk(v, map.element(), at + "." + k, unknown));
        }
    }
}
