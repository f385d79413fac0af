package dev.crossmesh.demo.semantics;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A resource request path split into what it names:
 * {@code /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME[/SUBRESOURCE]][?QUERY]}.
 *
 * @param collection the path of the collection, without namespace-independent parts changed
 */
public record ResourcePath(String group, String version, String namespace, String plural, String name, String subresource,
        String collection, Map<String, String> query) {

    public static Optional<ResourcePath> parse(String path) {
        String[] split = path.split("\\?", 2);
        String[] parts = split[0].substring(1).split("/");
        int i;
        String group;
        if (parts.length >= 3 && parts[0].equals("api")) {
            group = "";
            i = 2;
        } else if (parts.length >= 4 && parts[0].equals("apis")) {
            group = parts[1];
            i = 3;
        } else {
            return Optional.empty();
        }
        String version = parts[i - 1];
        String namespace = null;
        if (parts.length > i + 2 && parts[i].equals("namespaces")) {
            namespace = parts[i + 1];
            i += 2;
        }
        String plural = parts[i];
        String name = parts.length > i + 1 ? parts[i + 1] : null;
        String subresource = parts.length > i + 2 ? parts[i + 2] : null;
        String collection = "/" + String.join("/", Arrays.copyOfRange(parts, 0, i + 1));
        return Optional.of(new ResourcePath(group, version, namespace, plural, name, subresource, collection,
                split.length == 2 ? query(split[1]) : Map.of()));
    }

    private static Map<String, String> query(String text) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }

    /** The object's own path, or null for a collection. */
    public String object() {
        return name == null ? null : collection + "/" + name;
    }

    public boolean isNamespace() {
        return group.isEmpty() && plural.equals("namespaces") && namespace == null;
    }
}
