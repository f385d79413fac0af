package dev.crossmesh.demo.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import dev.crossmesh.demo.apiserver.ApiPath;
import dev.crossmesh.demo.apiserver.ApiStatus;
import dev.crossmesh.demo.fields.Json;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * {@code pods/NAME/log}: a demo pod runs no containers, so its log is a short note that says so; a trainer who types
 * {@code kubectl logs} learns what the pod is instead of seeing an error.
 */
public final class PodLogs {
    private PodLogs() {
    }

    public static boolean isLog(ApiPath path) {
        return path.group().isEmpty() && path.plural().equals("pods") && path.name() != null && "log".equals(path.subresource());
    }

    /** @param pods the stored pod at an object path, or null */
    public static MockResponse answer(ApiPath path, String cluster, Function<String, Map<String, Object>> pods) {
        Map<String, Object> pod = pods.apply(path.objectPath());
        if (pod == null) {
            return ApiStatus.failure(404, "NotFound", "pods \"" + path.name() + "\" not found",
                    Map.of("name", path.name(), "kind", "pods"));
        }
        List<String> containers = Optional.ofNullable(Json.list(Json.at(pod, "spec", "containers"))).orElse(List.of()).stream()
                .map(c -> Json.string(c, "name")).filter(Objects::nonNull).toList();
        String container = path.query().getOrDefault("container", containers.isEmpty() ? "" : containers.get(0));
        if (!containers.isEmpty() && !containers.contains(container)) {
            return ApiStatus.failure(400, "BadRequest", "container " + container + " is not valid for pod " + path.name());
        }
        String where = cluster.isEmpty() ? "a crossmesh demo cluster" : "the crossmesh demo cluster " + cluster;
        return ContentTypes.text(200, "pod " + path.namespace() + "/" + path.name() + (container.isEmpty() ? "" : ", container " + container)
                + ": simulated by " + where + "; it runs no containers, so it writes no log.\n");
    }
}
