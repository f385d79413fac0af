package dev.crossmesh.demo.apiserver;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * A {@code Status} answer as kube-apiserver writes it (kind, apiVersion, metadata, status, message, reason, details,
 * code) with its Content-Type, so that every client, not only fabric8, reads why a request failed.
 */
public final class ApiStatus {
    private ApiStatus() {
    }

    /** A failure without details. */
    public static MockResponse failure(int code, String reason, String message) {
        return failure(code, reason, message, null);
    }

    /** A failure; {@code details} (name, group, kind, causes) may be null. */
    public static MockResponse failure(int code, String reason, String message, Map<String, Object> details) {
        return json(code, body(code, reason, message, details));
    }

    /** The Status object itself, for answers that carry it inside something else (a watch ERROR event). */
    public static Map<String, Object> body(int code, String reason, String message, Map<String, Object> details) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("metadata", Map.of());
        status.put("status", code / 100 == 2 ? "Success" : "Failure");
        status.put("message", message);
        status.put("reason", reason);
        if (details != null) {
            status.put("details", details);
        }
        status.put("code", code);
        return status;
    }

    /** Any JSON answer, with the Content-Type clients need to decode it. */
    public static MockResponse json(int code, Object body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(new Buffer(Serialization.asJson(body).getBytes(StandardCharsets.UTF_8)));
    }
}
