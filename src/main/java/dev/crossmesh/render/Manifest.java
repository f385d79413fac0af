package dev.crossmesh.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One Kubernetes object rendered for one cluster, in its apply order.
 *
 * @param object     the object as nested maps and lists (deeply unmodifiable)
 * @param yaml       the exact text that is exported and applied
 * @param hiddenKeys {@code stringData} keys whose values are secret: previews and diffs never show them
 */
public record Manifest(String cluster, int order, ApplyMethod method, Map<String, Object> object, String yaml, Set<String> hiddenKeys) {

    public Manifest {
        object = deepUnmodifiable(object);
        hiddenKeys = Set.copyOf(hiddenKeys);
    }

    public static Manifest of(String cluster, int order, ApplyMethod method, Map<String, Object> object, Set<String> hiddenKeys) {
        return new Manifest(cluster, order, method, object, KubeYaml.dump(object), hiddenKeys);
    }

    public String apiVersion() {
        return (String) object.get("apiVersion");
    }

    public String kind() {
        return (String) object.get("kind");
    }

    public String name() {
        return (String) metadata().get("name");
    }

    /** The namespace, or "" for cluster-scoped objects. */
    public String namespace() {
        Object ns = metadata().get("namespace");
        return ns == null ? "" : (String) ns;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata() {
        return (Map<String, Object>) object.get("metadata");
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> labels() {
        Object labels = metadata().get("labels");
        return labels == null ? Map.of() : (Map<String, String>) labels;
    }

    /** {@code 05-service-istio-eastwestgateway.yaml}: apply order, kind and name, as the export names it. */
    public String fileName() {
        return String.format(Locale.ROOT, "%02d-%s-%s.yaml", order, kind().toLowerCase(Locale.ROOT), name());
    }

    /** A short human name: {@code Service istio-system/istio-eastwestgateway}. */
    public String displayName() {
        return kind() + " " + (namespace().isEmpty() ? "" : namespace() + "/") + name();
    }

    /** The YAML with secret values replaced by a note; everything else is byte for byte {@link #yaml()}. */
    public String previewYaml() {
        if (hiddenKeys.isEmpty()) {
            return yaml;
        }
        return KubeYaml.dump(redacted(object, hiddenKeys));
    }

    public boolean hasSecrets() {
        return !hiddenKeys.isEmpty();
    }

    /** A copy of a Secret-like object with the values of {@code keys} under stringData/data replaced by a note. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> redacted(Map<String, Object> object, Set<String> keys) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        for (String section : List.of("stringData", "data")) {
            Object data = copy.get(section);
            if (data instanceof Map<?, ?> map) {
                Map<String, Object> hidden = new LinkedHashMap<>((Map<String, Object>) map);
                for (String key : keys) {
                    if (hidden.containsKey(key)) {
                        hidden.put(key, "<hidden: secret value, shown only in exported files>");
                    }
                }
                copy.put(section, hidden);
            }
        }
        return copy;
    }

    /**
     * This manifest with every string value equal to {@code placeholder} replaced by {@code value}, as {@code apply.sh}
     * fills a primary's gateway address into its remotes; the YAML is dumped again from the filled object so that text
     * and object agree whatever characters the value holds.
     */
    public Manifest filled(String placeholder, String value) {
        Map<String, Object> filled = fill(object, placeholder, value);
        return filled.equals(object) ? this : new Manifest(cluster, order, method, filled, KubeYaml.dump(filled), hiddenKeys);
    }

    @SuppressWarnings("unchecked")
    static <T> T fill(T node, String placeholder, String value) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, fill(v, placeholder, value)));
            return (T) copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(fill(v, placeholder, value)));
            return (T) copy;
        }
        return placeholder.equals(node) ? (T) value : node;
    }

    @SuppressWarnings("unchecked")
    static <T> T deepUnmodifiable(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepUnmodifiable(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepUnmodifiable(v)));
            return (T) Collections.unmodifiableList(copy);
        }
        return value;
    }
}
