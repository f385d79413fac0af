package dev.crossmesh.demo.auth;

import java.util.Locale;

import dev.crossmesh.demo.apiserver.ApiStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/** The JSON bodies of the requests this package answers itself, and the Status answers for bodies it cannot read. */
final class RequestBodies {
    /** A body that cannot be read; {@link #answer} is what kube-apiserver would say. */
    static final class Unreadable extends RuntimeException {
        private final transient MockResponse answer;

        Unreadable(MockResponse answer) {
            super(null, null, false, false);
            this.answer = answer;
        }

        MockResponse answer() {
            return answer;
        }
    }

    private RequestBodies() {
    }

    /** Refuses a body in a media type these handlers do not decode (kubectl 1.32+ may send protobuf, and falls back on 415). */
    static void checkMediaType(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        if (!type.isEmpty() && !type.equals("application/json") && !type.equals("*/*")) {
            throw new Unreadable(ApiStatus.failure(415, "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: application/json"));
        }
    }

    static <T> T parse(String body, Class<T> type) {
        try {
            T value = Serialization.unmarshal(body, type);
            if (value == null) {
                throw new IllegalArgumentException("empty body");
            }
            return value;
        } catch (RuntimeException e) {
            throw new Unreadable(ApiStatus.failure(400, "BadRequest", "the request body is not a " + type.getSimpleName() + " in JSON"));
        }
    }
}
