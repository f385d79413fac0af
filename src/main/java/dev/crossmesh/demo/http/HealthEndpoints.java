package dev.crossmesh.demo.http;

import java.util.List;
import java.util.Optional;

import io.fabric8.mockwebserver.http.MockResponse;

import dev.crossmesh.demo.apiserver.ApiPath;

/**
 * {@code /healthz}, {@code /livez}, {@code /readyz} as kube-apiserver answers them: "ok", or with {@code ?verbose} one
 * line per check; {@code /healthz/ping} and the like for a single check. A demo cluster that answers is healthy.
 */
public final class HealthEndpoints {
    private static final List<String> ENDPOINTS = List.of("healthz", "livez", "readyz");
    private static final List<String> CHECKS = List.of("ping", "log", "etcd", "poststarthook/start-apiextensions-controllers");

    private HealthEndpoints() {
    }

    public static Optional<MockResponse> answer(String pathAndQuery) {
        String[] split = pathAndQuery.split("\\?", 2);
        String[] parts = java.util.Arrays.stream(split[0].split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        if (parts.length == 0 || !ENDPOINTS.contains(parts[0])) {
            return Optional.empty();
        }
        String endpoint = parts[0];
        if (parts.length > 1) {
            String check = String.join("/", java.util.Arrays.copyOfRange(parts, 1, parts.length));
            return Optional.of(CHECKS.contains(check) ? ContentTypes.text(200, "ok")
                    : ContentTypes.text(404, "404 page not found\n"));
        }
        boolean verbose = split.length == 2 && ApiPath.query(split[1]).containsKey("verbose");
        if (!verbose) {
            return Optional.of(ContentTypes.text(200, "ok"));
        }
        StringBuilder text = new StringBuilder();
        CHECKS.forEach(c -> text.append("[+]").append(c).append(" ok\n"));
        text.append(endpoint).append(" check passed\n");
        return Optional.of(ContentTypes.text(200, text.toString()));
    }
}
