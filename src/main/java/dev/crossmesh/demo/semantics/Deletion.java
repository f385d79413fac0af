package dev.crossmesh.demo.semantics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.crossmesh.demo.apiserver.ApiPath;
import dev.crossmesh.demo.apiserver.ApiStatus;
import dev.crossmesh.demo.fields.Json;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * DELETE as kube-apiserver answers it in front of the CRUD mock: DeleteOptions from the body (where kubectl puts
 * {@code dryRun}) or the query, preconditions, a dry run that answers what the delete would and stores nothing (the
 * object, or the list for a deletecollection), and namespaces that terminate before they go.
 */
final class Deletion {
    private Deletion() {
    }

    /** The answer, or empty where the mock's own delete is the right one. */
    static Optional<MockResponse> answer(ApiPath path, byte[] body, ObjectStore store, NamespaceLifecycle namespaces) {
        if (path.subresource() != null) {
            return Optional.empty();
        }
        Map<String, Object> options = options(body);
        boolean dryRun = "All".equals(path.query().get("dryRun")) || (Json.list(options.get("dryRun")) != null
                && Json.list(options.get("dryRun")).contains("All"));
        if (path.name() == null) {
            if (!dryRun) {
                return Optional.empty();
            }
            Map<String, Object> list = store.read(path.collectionPath() + selectors(path));
            return Optional.of(list == null ? Statuses.notFound(path.plural(), "") : ApiStatus.json(200, list));
        }
        Map<String, Object> live = store.read(path.object());
        if (live == null) {
            return dryRun ? Optional.of(Statuses.notFound(resource(path), path.name())) : Optional.empty();
        }
        Optional<MockResponse> failed = preconditions(path, options, live);
        if (failed.isPresent()) {
            return failed;
        }
        if (path.isNamespace()) {
            return Optional.of(namespaces.delete(live, dryRun));
        }
        if (!dryRun) {
            return Optional.empty();
        }
        List<Object> finalizers = Json.list(Json.at(live, "metadata", "finalizers"));
        Map<String, Object> answer = live;
        if ((finalizers != null && !finalizers.isEmpty()) || (path.group().isEmpty() && path.plural().equals("pods"))) {
            // a pod is deleted gracefully and an object with finalizers waits for them: both stay, marked
            answer = Json.copyObject(live);
            Json.objectAt(answer, "metadata").putIfAbsent("deletionTimestamp", KubeletStatus.time(Instant.now()));
            Json.objectAt(answer, "metadata").putIfAbsent("deletionGracePeriodSeconds", gracePeriod(path, options));
        }
        return Optional.of(ApiStatus.json(200, answer));
    }

    private static Map<String, Object> options(byte[] body) {
        if (body == null || body.length == 0) {
            return Map.of();
        }
        try {
            Map<String, Object> options = Json.object(Json.parse(body));
            return options == null ? Map.of() : options;
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static Optional<MockResponse> preconditions(ApiPath path, Map<String, Object> options, Map<String, Object> live) {
        Map<String, Object> pre = Json.object(options.get("preconditions"));
        if (pre == null) {
            return Optional.empty();
        }
        for (String field : List.of("uid", "resourceVersion")) {
            Object wanted = pre.get(field);
            Object actual = Json.at(live, "metadata", field);
            if (wanted != null && !Objects.equals(wanted, actual)) {
                String label = field.equals("uid") ? "UID" : "ResourceVersion";
                return Optional.of(Statuses.conflict(resource(path), path.name(), "Precondition failed: " + label + " in precondition: "
                        + wanted + ", " + label + " in object meta: " + actual));
            }
        }
        return Optional.empty();
    }

    private static long gracePeriod(ApiPath path, Map<String, Object> options) {
        Object fromBody = options.get("gracePeriodSeconds");
        if (fromBody instanceof Number n) {
            return n.longValue();
        }
        String fromQuery = path.query().get("gracePeriodSeconds");
        if (fromQuery != null && fromQuery.matches("\\d+")) {
            return Long.parseLong(fromQuery);
        }
        return path.plural().equals("pods") ? 30 : 0;
    }

    /** The list query a deletecollection selects with. */
    private static String selectors(ApiPath path) {
        String q = path.query().entrySet().stream().filter(e -> e.getKey().equals("labelSelector") || e.getKey().equals("fieldSelector"))
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }

    static String resource(ApiPath path) {
        return path.group().isEmpty() ? path.plural() : path.plural() + "." + path.group();
    }
}
