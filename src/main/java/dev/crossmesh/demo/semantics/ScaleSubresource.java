package dev.crossmesh.demo.semantics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.crossmesh.demo.apiserver.ApiPath;
import dev.crossmesh.demo.apiserver.ApiStatus;
import dev.crossmesh.demo.fields.Json;
import dev.crossmesh.demo.fields.JsonPatch;
import dev.crossmesh.demo.fields.MergePatch;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The {@code /scale} subresource of Deployments, StatefulSets and ReplicaSets: an {@code autoscaling/v1} Scale read
 * from the object, and written back as a change of {@code spec.replicas} through the object's own write path (so the
 * managed fields, dry run and the simulated pods follow).
 */
final class ScaleSubresource {
    private static final Set<String> SCALABLE = Set.of("deployments", "statefulsets", "replicasets");

    private ScaleSubresource() {
    }

    static boolean handles(ApiPath path) {
        return "scale".equals(path.subresource()) && path.group().equals("apps") && SCALABLE.contains(path.plural()) && path.name() != null;
    }

    static MockResponse answer(String method, ApiPath path, String contentType, byte[] body, ObjectStore store, ApiSemantics.Redispatch writer) {
        String objectPath = path.object() + query(path);
        Map<String, Object> live = store.read(path.object());
        if (live == null) {
            return Statuses.notFound(path.plural() + ".apps", path.name());
        }
        Map<String, Object> scale = scaleOf(live);
        if (method.equals("GET")) {
            return ApiStatus.json(200, scale);
        }
        Map<String, Object> wanted;
        try {
            Object parsed = Json.parse(body == null ? new byte[0] : body);
            String media = contentType == null ? "application/json" : contentType.split(";")[0].trim();
            if (method.equals("PUT")) {
                wanted = Json.object(parsed);
                String rv = Json.string(wanted, "metadata", "resourceVersion");
                if (rv != null && !rv.isEmpty() && !rv.equals(Json.string(live, "metadata", "resourceVersion"))) {
                    return Statuses.conflict(path.plural() + ".apps", path.name(),
                            "the object has been modified; please apply your changes to the latest version and try again");
                }
            } else if (media.equals("application/json-patch+json")) {
                wanted = Json.object(JsonPatch.apply(scale, parsed));
            } else {
                // a Scale has no lists: a strategic merge patch of it is a merge patch
                wanted = Json.object(MergePatch.apply(scale, parsed));
            }
        } catch (IllegalArgumentException e) {
            return ApiStatus.failure(400, "BadRequest", e.getMessage());
        }
        Object replicas = Json.at(wanted, "spec", "replicas");
        if (replicas == null) {
            replicas = 0L; // what an empty spec decodes to
        }
        if (!(replicas instanceof Long n) || n < 0) {
            return Statuses.invalid("Scale", path.name(), "spec.replicas", "must be greater than or equal to 0");
        }
        byte[] patch = Json.write(Map.of("spec", Map.of("replicas", replicas)));
        MockResponse written = writer.patch(objectPath, "application/merge-patch+json", patch);
        if (written.code() / 100 != 2) {
            return written;
        }
        Map<String, Object> stored = Json.object(Json.parse(ObjectStore.text(written)));
        return ApiStatus.json(200, scaleOf(stored == null ? live : stored));
    }

    /** What kube-apiserver passes on to the object's write: the field manager and the dry run. */
    private static String query(ApiPath path) {
        String q = path.query().entrySet().stream().filter(e -> List.of("fieldManager", "dryRun").contains(e.getKey()))
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }

    static Map<String, Object> scaleOf(Map<String, Object> object) {
        Map<String, Object> meta = Json.object(object.get("metadata"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (String key : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (meta != null && meta.get(key) != null) {
                metadata.put(key, meta.get(key));
            }
        }
        Object specReplicas = Json.at(object, "spec", "replicas");
        Object statusReplicas = Json.at(object, "status", "replicas");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("replicas", statusReplicas == null ? 0L : statusReplicas);
        String selector = selector(Json.object(Json.at(object, "spec", "selector")));
        if (!selector.isEmpty()) {
            status.put("selector", selector);
        }
        Map<String, Object> scale = new LinkedHashMap<>();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        scale.put("metadata", metadata);
        scale.put("spec", Map.of("replicas", specReplicas == null ? 1L : specReplicas));
        scale.put("status", status);
        return scale;
    }

    /** A label selector as its text form: {@code app=web,tier in (a,b)}. */
    static String selector(Map<String, Object> selector) {
        if (selector == null) {
            return "";
        }
        List<String> parts = new java.util.ArrayList<>();
        Map<String, Object> labels = Json.object(selector.get("matchLabels"));
        if (labels != null) {
            new TreeMap<>(labels).forEach((k, v) -> parts.add(k + "=" + v));
        }
        List<Object> expressions = Json.list(selector.get("matchExpressions"));
        if (expressions != null) {
            for (Object e : expressions) {
                String key = Json.string(e, "key");
                String op = Json.string(e, "operator");
                List<Object> values = Json.list(Json.at(e, "values"));
                String joined = values == null ? "" : values.stream().map(String::valueOf).sorted().collect(Collectors.joining(","));
                parts.add(switch (op == null ? "" : op) {
                    case "In" -> key + " in (" + joined + ")";
                    case "NotIn" -> key + " notin (" + joined + ")";
                    case "Exists" -> key;
                    case "DoesNotExist" -> "!" + key;
                    default -> key;
                });
            }
        }
        return String.join(",", parts);
    }
}
