package dev.crossmesh.kube;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * Tells, without asking the server, that a server-side apply of {@code body} would change nothing: crossmesh's
 * Apply entry in {@code managedFields} owns exactly the fields {@code body} sets (so nothing would be removed and
 * nothing newly claimed) and the live object holds {@code body}'s value in each of them (so nothing would change
 * and no other manager could be in conflict). Only a sure "no" is cheap: anything this does not recognise answers
 * false and the caller asks the server with a dry run, which is always right. An unchanged re-apply then needs no
 * request per object beyond the reads.
 */
final class UnchangedApply {
    private UnchangedApply() {
    }

    static boolean holds(Map<String, Object> body, Map<String, Object> live) {
        if (live == null || !Objects.equals(body.get("apiVersion"), live.get("apiVersion"))) {
            return false;
        }
        Map<String, Object> owned = crossmeshFields(live, String.valueOf(body.get("apiVersion")));
        if (owned == null) {
            return false;
        }
        Map<String, Object> tracked = new java.util.LinkedHashMap<>(body);
        // apiVersion, kind, name and namespace identify the object; field management does not list them
        tracked.remove("apiVersion");
        tracked.remove("kind");
        if (tracked.get("metadata") instanceof Map<?, ?> m) {
            Map<String, Object> metadata = new java.util.LinkedHashMap<>(cast(m));
            metadata.remove("name");
            metadata.remove("namespace");
            if (metadata.isEmpty()) {
                tracked.remove("metadata");
            } else {
                tracked.put("metadata", metadata);
            }
        }
        return sameMap(tracked, live, owned);
    }

    private static Map<String, Object> crossmeshFields(Map<String, Object> live, String apiVersion) {
        if (!(live.get("metadata") instanceof Map<?, ?> m) || !(m.get("managedFields") instanceof List<?> entries)) {
            return null;
        }
        Map<String, Object> found = null;
        for (Object e : entries) {
            if (e instanceof Map<?, ?> entry && ClusterObjects.FIELD_MANAGER.equals(entry.get("manager"))) {
                if (!"Apply".equals(entry.get("operation")) || !apiVersion.equals(entry.get("apiVersion")) || entry.get("subresource") != null
                        || found != null || !(entry.get("fieldsV1") instanceof Map<?, ?> fields)) {
                    return null;
                }
                found = cast(fields);
            }
        }
        return found;
    }

    /** Every key of {@code desired} is an owned {@code f:} field with the live value, and crossmesh owns no other. */
    private static boolean sameMap(Map<String, Object> desired, Object live, Map<String, Object> owned) {
        if (!(live instanceof Map<?, ?> liveMap)) {
            return false;
        }
        Set<String> expected = new HashSet<>();
        for (Map.Entry<String, Object> e : desired.entrySet()) {
            String key = "f:" + e.getKey();
            expected.add(key);
            if (!(owned.get(key) instanceof Map<?, ?> child) || !same(e.getValue(), liveMap.get(e.getKey()), cast(child))) {
                return false;
            }
        }
        return owned.keySet().stream().filter(k -> !k.equals(".")).allMatch(expected::contains);
    }

    private static boolean same(Object desired, Object live, Map<String, Object> owned) {
        boolean leaf = owned.keySet().stream().allMatch(k -> k.equals("."));
        if (desired instanceof Map<?, ?> map && !map.isEmpty() && !leaf) {
            return sameMap(cast(map), live, owned);
        }
        if (desired instanceof List<?> list && !list.isEmpty() && !leaf) {
            return sameList(list, live, owned);
        }
        // a scalar, an empty map or list, or an atomic value: owned as a whole, compared as a whole
        return leaf && equal(desired, live);
    }

    /** Lists crossmesh owns element by element: by merge key ({@code k:}) or by value ({@code v:}). */
    private static boolean sameList(List<?> desired, Object live, Map<String, Object> owned) {
        if (!(live instanceof List<?> liveList)) {
            return false;
        }
        Set<String> matched = new HashSet<>();
        for (Object element : desired) {
            String key = null;
            for (String k : owned.keySet()) {
                if (k.startsWith("k:") && element instanceof Map<?, ?> e && matchesKey(k.substring(2), cast(e))
                        || k.startsWith("v:") && equal(json(k.substring(2)), element)) {
                    key = k;
                    break;
                }
            }
            if (key == null || !matched.add(key)) {
                return false;
            }
            if (key.startsWith("k:")) {
                String mergeKey = key.substring(2);
                Object liveElement = liveList.stream().filter(l -> l instanceof Map<?, ?> m && matchesKey(mergeKey, cast(m))).findFirst().orElse(null);
                if (!(owned.get(key) instanceof Map<?, ?> child) || !sameMap(cast((Map<?, ?>) element), liveElement, cast(child))) {
                    return false;
                }
            } else if (liveList.stream().noneMatch(l -> equal(element, l))) {
                return false;
            }
        }
        return owned.keySet().stream().filter(k -> !k.equals(".")).allMatch(matched::contains);
    }

    private static boolean matchesKey(String keyJson, Map<String, Object> element) {
        Object key = json(keyJson);
        return key instanceof Map<?, ?> fields && !fields.isEmpty()
                && fields.entrySet().stream().allMatch(f -> equal(f.getValue(), element.get(String.valueOf(f.getKey()))));
    }

    private static Object json(String text) {
        try {
            return toJava(JsonParser.parseString(text));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Object toJava(JsonElement e) {
        if (e.isJsonObject()) {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            e.getAsJsonObject().entrySet().forEach(f -> map.put(f.getKey(), toJava(f.getValue())));
            return map;
        }
        if (e.isJsonArray()) {
            List<Object> list = new java.util.ArrayList<>();
            e.getAsJsonArray().forEach(v -> list.add(toJava(v)));
            return list;
        }
        if (e.isJsonNull()) {
            return null;
        }
        var p = e.getAsJsonPrimitive();
        return p.isNumber() ? p.getAsBigDecimal() : p.isBoolean() ? (Object) p.getAsBoolean() : p.getAsString();
    }

    /** Deep equality with numbers compared by value (15443, 15443L and 15443.0 are one port). */
    private static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.size() == y.size() && x.entrySet().stream().allMatch(e -> y.containsKey(e.getKey()) && equal(e.getValue(), y.get(e.getKey())));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
