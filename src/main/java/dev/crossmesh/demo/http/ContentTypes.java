package dev.crossmesh.demo.http;

import java.util.Locale;

import dev.crossmesh.demo.apiserver.ApiStatus;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * What a demo cluster reads and writes. It speaks JSON only: clients that prefer protobuf (kubectl 1.32 for
 * built-in kinds) decode an answer by its Content-Type, so every answer carries one, and a protobuf body is refused
 * with 415 as kube-apiserver refuses a type it has no protobuf for.
 */
public final class ContentTypes {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    private ContentTypes() {
    }

    public static boolean protobufBody(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(PROTOBUF)
                && (request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT || request.method() == HttpMethod.PATCH);
    }

    public static MockResponse unsupportedMediaType() {
        return ApiStatus.failure(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml");
    }

    /** The answer with a Content-Type: JSON unless it says otherwise (every body a demo cluster writes is JSON or says so). */
    public static MockResponse typed(MockResponse response) {
        if (response.getWebSocketListener() == null && response.header("Content-Type") == null) {
            response.setHeader("Content-Type", JSON);
        }
        return response;
    }

    public static MockResponse text(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", TEXT).setHeader("X-Content-Type-Options", "nosniff")
                .setBody(body);
    }

    /** Whether the Accept header asks for a Table ({@code application/json;as=Table;v=v1;g=meta.k8s.io}), as kubectl get does. */
    public static boolean wantsTable(String accept) {
        if (accept == null) {
            return false;
        }
        for (String option : accept.split(",")) {
            String o = option.replace(" ", "");
            if (o.startsWith(JSON) && o.contains(";as=Table") && (o.contains("g=meta.k8s.io") || !o.contains(";g="))
                    && (o.contains("v=v1") || !o.contains(";v="))) {
                return true;
            }
            if (o.startsWith(JSON) && !o.contains("as=")) {
                return false; // plain JSON preferred over a Table
            }
        }
        return false;
    }
}
