package dev.crossmesh.demo.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request path in the API's grammar: {@code /api/v1[/namespaces/NS]/PLURAL[/NAME[/SUBRESOURCE]]} or the same under
 * {@code /apis/GROUP/VERSION}, with its query. Anything else under {@code /api} or {@code /apis} deeper than
 * discovery is not a resource path.
 *
 * @param namespace null for a cluster-scoped path or a list across namespaces
 * @param name      null for a collection
 */
public record ApiPath(String group, String version, String namespace, String plural, String name, String subresource,
        Map<String, String> query) {

    /** The parts of a path, or empty when it is not a resource path. */
    public static Optional<ApiPath> parse(String pathAndQuery) {
        String[] split = pathAndQuery.split("\\?", 2);
        Map<String, String> query = query(split.length == 2 ? split[1] : "");
        String path = split[0];
        String[] parts = java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        int i;
        String group;
        String version;
        if (parts.length >= 3 && parts[0].equals("api")) {
            group = "";
            version = parts[1];
            i = 2;
        } else if (parts.length >= 4 && parts[0].equals("apis")) {
            group = parts[1];
            version = parts[2];
            i = 3;
        } else {
            return Optional.empty();
        }
        int rest = parts.length - i;
        String namespace = null;
        if (rest >= 3 && parts[i].equals("namespaces") && !isNamespaceSubresource(parts[i + 2], rest)) {
            namespace = parts[i + 1];
            i += 2;
            rest -= 2;
        }
        if (rest < 1 || rest > 3) {
            return Optional.empty();
        }
        return Optional.of(new ApiPath(group, version, namespace, parts[i], rest >= 2 ? parts[i + 1] : null, rest == 3 ? parts[i + 2] : null,
                query));
    }

    /** {@code /api/v1/namespaces/NS/status}: a namespace's own subresource, not a collection in it. */
    private static boolean isNamespaceSubresource(String third, int rest) {
        return rest == 3 && (third.equals("status") || third.equals("finalize"));
    }

    public static Map<String, String> query(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    public boolean collection() {
        return name == null;
    }

    public boolean watch() {
        String w = query.get("watch");
        return "true".equals(w) || "1".equals(w);
    }

    /** {@code /api/v1/namespaces/NS/pods/NAME}: the object a subresource path belongs to. */
    public String objectPath() {
        return collectionPath() + (name == null ? "" : "/" + name);
    }

    /** {@code /api/v1/namespaces/NS/pods}: the collection the path's object is in, or the collection itself. */
    public String collectionPath() {
        return (group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version)
                + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + plural;
    }

    /** The object's own path, or null for a collection. */
    public String object() {
        return name == null ? null : objectPath();
    }

    /** A namespace itself (core {@code namespaces}), not something in one. */
    public boolean isNamespace() {
        return group.isEmpty() && plural.equals("namespaces") && namespace == null;
    }
}
