package dev.crossmesh.kube;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a desired object with the live one, and what a server-side apply would store with what is stored.
 * The desired object is a subset: fields the API server fills in (uid, resourceVersion, status, clusterIP,
 * nodePort, defaults) are absent from it and therefore ignored. Lists of named elements (ports, containers, env)
 * are matched by name, other lists by position, and every element is compared field by field.
 * Secrets are compared on decoded values whichever of {@code data} and {@code stringData} holds them
 * (a real API server turns stringData into data; the mock keeps stringData).
 */
final class ObjectFields {
    private ObjectFields() {
    }

    /** Field paths where {@code live} differs from {@code desired}; empty when live already is as desired. */
    static List<String> changedPaths(Map<String, Object> desired, Map<String, Object> live) {
        List<String> changes = new ArrayList<>();
        if (isSecret(desired)) {
            Map<String, Object> rest = withoutSecretData(desired);
            compare(rest, withoutSecretData(live), "", changes);
            Map<String, String> want = secretData(desired);
            Map<String, String> have = secretData(live);
            want.forEach((key, value) -> {
                if (!value.equals(have.get(key))) {
                    changes.add("data." + key);
                }
            });
        } else {
            compare(desired, live, "", changes);
        }
        return changes;
    }

    /** Metadata the API server keeps for itself: never a difference between what crossmesh applies and what is stored. */
    private static final List<String> SERVER_METADATA = List.of("resourceVersion", "generation", "managedFields", "creationTimestamp",
            "uid", "selfLink");

    /**
     * What a server-side apply changes: the paths where the stored object ({@code after}, the server's answer to a
     * dry run) differs from the live one, fields the apply removes marked {@code (removed)}. Server bookkeeping
     * (resourceVersion, managedFields, ...) and status are not differences.
     */
    static List<String> differences(Map<String, Object> live, Map<String, Object> after) {
        Map<String, Object> before = comparable(live);
        Map<String, Object> now = comparable(after);
        List<String> changes = new ArrayList<>();
        compare(now, before, "", changes);
        List<String> gone = new ArrayList<>();
        compare(before, now, "", gone);
        for (String path : gone) {
            if (!changes.contains(path)) {
                changes.add(path + " (removed)");
            }
        }
        return changes;
    }

    private static Map<String, Object> comparable(Map<String, Object> object) {
        Map<String, Object> copy = deepCopy(object);
        copy.remove("status");
        if (copy.get("metadata") instanceof Map<?, ?> metadata) {
            SERVER_METADATA.forEach(metadata::remove);
        }
        return copy;
    }

    /**
     * The object to PUT: the live object with every desired field written over it. Server-populated fields
     * (resourceVersion included, which makes the PUT fail with 409 if someone changed the object meanwhile) stay.
     * A Secret goes out with base64 {@code data} only, as the API server stores it.
     */
    static Map<String, Object> merge(Map<String, Object> live, Map<String, Object> desired) {
        if (isSecret(desired)) {
            Map<String, String> data = new LinkedHashMap<>(secretData(live));
            data.putAll(secretData(desired));
            Map<String, Object> merged = mergeMaps(withoutSecretData(live), withoutSecretData(desired));
            merged.put("data", encode(data));
            return merged;
        }
        return mergeMaps(live, desired);
    }

    /** A desired Secret as it is sent on create: base64 {@code data} instead of {@code stringData}, as the API server stores it. */
    static Map<String, Object> forCreate(Map<String, Object> desired) {
        Map<String, Object> copy = deepCopy(desired);
        if (isSecret(desired) && desired.containsKey("stringData")) {
            Map<String, Object> object = withoutSecretData(copy);
            object.put("data", encode(secretData(desired)));
            return object;
        }
        return copy;
    }

    static boolean isSecret(Map<String, Object> object) {
        return "Secret".equals(object.get("kind")) && "v1".equals(object.get("apiVersion"));
    }

    /** Decoded secret values: {@code data} decoded from base64, overridden by {@code stringData} (which is what a write of both means). */
    @SuppressWarnings("unchecked")
    static Map<String, String> secretData(Map<String, Object> secret) {
        Map<String, String> result = new LinkedHashMap<>();
        if (secret.get("data") instanceof Map<?, ?> data) {
            ((Map<String, Object>) data).forEach((k, v) -> result.put(k, v == null ? "" : decode(v.toString())));
        }
        if (secret.get("stringData") instanceof Map<?, ?> stringData) {
            ((Map<String, Object>) stringData).forEach((k, v) -> result.put(k, v == null ? "" : v.toString()));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> object) {
        Object m = object.get("metadata");
        return m instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> stringMap(Map<String, Object> metadata, String key) {
        Object m = metadata.get(key);
        if (!(m instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        ((Map<String, Object>) map).forEach((k, v) -> result.put(k, v == null ? "" : v.toString()));
        return result;
    }

    static Map<String, String> labels(Map<String, Object> object) {
        return stringMap(metadata(object), "labels");
    }

    static Map<String, String> annotations(Map<String, Object> object) {
        return stringMap(metadata(object), "annotations");
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }

    // --- comparison ----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static void compare(Object desired, Object live, String path, List<String> changes) {
        if (isEmpty(desired)) {
            // an empty map or list is what a server drops; nothing the plan asks for
            return;
        }
        if (desired instanceof Map<?, ?> want) {
            if (!(live instanceof Map<?, ?> have)) {
                changes.add(path);
                return;
            }
            ((Map<String, Object>) want).forEach((key, value) -> compare(value, ((Map<String, Object>) have).get(key), join(path, key), changes));
            return;
        }
        if (desired instanceof List<?> want) {
            if (!(live instanceof List<?> have)) {
                changes.add(path);
                return;
            }
            if (namedElements(want) && namedElements(have)) {
                if (!names(want).equals(names(have))) {
                    changes.add(path);
                    return;
                }
                for (Object element : want) {
                    String name = nameOf(element);
                    compare(element, byName(have, name), path + "[" + name + "]", changes);
                }
                return;
            }
            if (want.size() != have.size()) {
                changes.add(path);
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                compare(want.get(i), have.get(i), path + "[" + i + "]", changes);
            }
            return;
        }
        if (!sameScalar(desired, live)) {
            changes.add(path);
        }
    }

    private static boolean sameScalar(Object desired, Object live) {
        if (desired instanceof Number a && live instanceof Number b) {
            if (isIntegral(a) && isIntegral(b)) {
                return a.longValue() == b.longValue();
            }
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        // int-or-string fields (targetPort) may come back either way
        return live != null && (Objects.equals(desired, live) || desired.toString().equals(live.toString()));
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof Map<?, ?> m && m.isEmpty() || value instanceof List<?> l && l.isEmpty();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    // --- merge ---------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergeMaps(Map<String, Object> live, Map<String, Object> desired) {
        Map<String, Object> result = deepCopy(live);
        desired.forEach((key, want) -> result.put(key, mergeValue(result.get(key), want)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object live, Object desired) {
        if (desired instanceof Map<?, ?> want && live instanceof Map<?, ?> have) {
            return mergeMaps((Map<String, Object>) have, (Map<String, Object>) want);
        }
        if (desired instanceof List<?> want && live instanceof List<?> have) {
            List<Object> merged = new ArrayList<>();
            if (namedElements(want) && namedElements(have)) {
                // the desired set of elements, each keeping what the server added to it (nodePort, defaults)
                for (Object element : want) {
                    merged.add(mergeValue(byName(have, nameOf(element)), element));
                }
                return merged;
            }
            if (want.size() == have.size()) {
                for (int i = 0; i < want.size(); i++) {
                    merged.add(mergeValue(have.get(i), want.get(i)));
                }
                return merged;
            }
        }
        return deepCopy(desired);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static boolean namedElements(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(e -> e instanceof Map<?, ?> m && m.get("name") instanceof String);
    }

    private static List<String> names(List<?> list) {
        return list.stream().map(ObjectFields::nameOf).sorted().toList();
    }

    private static String nameOf(Object element) {
        return (String) ((Map<?, ?>) element).get("name");
    }

    private static Object byName(List<?> list, String name) {
        return list.stream().filter(e -> e instanceof Map<?, ?> m && name.equals(m.get("name"))).findFirst().orElse(null);
    }

    private static Map<String, Object> withoutSecretData(Map<String, Object> secret) {
        Map<String, Object> copy = deepCopy(secret);
        copy.remove("data");
        copy.remove("stringData");
        return copy;
    }

    private static Map<String, Object> encode(Map<String, String> values) {
        Map<String, Object> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return data;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.replaceAll("\\s", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // not base64: keep it as it is so that it compares unequal rather than failing
            return base64;
        }
    }
}
