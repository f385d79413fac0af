package dev.crossmesh.demo.fields;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Path elements in their FieldsV1 spelling, and the way kube-apiserver prints a path in a conflict
 * ({@code .spec.containers[name="istio-proxy"].image}).
 */
public final class PathElements {
    private PathElements() {
    }

    public static String field(String name) {
        return "f:" + name;
    }

    /** An element of an associative list: {@code k:{"containerPort":15443,"protocol":"TCP"}}, keys sorted. */
    public static String key(Map<String, Object> keyValues) {
        return "k:" + Json.text(new TreeMap<>(keyValues));
    }

    /** An element of a set: {@code v:"finalizer.example.com"}. */
    public static String value(Object value) {
        return "v:" + Json.text(value);
    }

    public static String index(int i) {
        return "i:" + i;
    }

    /** {@code .metadata.annotations.x}, {@code .spec.ports[port=15443,protocol="TCP"]}, {@code .metadata.finalizers[="a"]}. */
    public static String display(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String element : path) {
            String body = element.substring(2);
            switch (element.charAt(0)) {
                case 'f' -> sb.append('.').append(body);
                case 'k' -> {
                    StringJoiner joined = new StringJoiner(",", "[", "]");
                    Map<String, Object> keys = Json.object(Json.parse(body));
                    new TreeMap<>(keys).forEach((k, v) -> joined.add(k + "=" + Json.text(v)));
                    sb.append(joined);
                }
                case 'v' -> sb.append("[=").append(body).append(']');
                default -> sb.append('[').append(body).append(']');
            }
        }
        return sb.toString();
    }
}
