package dev.crossmesh.demo.fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.crossmesh.demo.fields.SchemaType.ListOf;
import dev.crossmesh.demo.fields.SchemaType.PatchStrategy;
import dev.crossmesh.demo.fields.SchemaType.Struct;

/**
 * Strategic merge patch as kube-apiserver applies it to a built-in kind: a JSON merge patch, except that lists the
 * schema marks {@code patchStrategy: merge} merge element by element (by the patch merge key, or as a set of values),
 * and the directives kubectl writes: {@code $patch: replace|delete|merge}, {@code $retainKeys},
 * {@code $setElementOrder/FIELD} and {@code $deleteFromPrimitiveList/FIELD}.
 */
public final class StrategicMergePatch {
    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String ORDER = "$setElementOrder/";
    private static final String DELETE_PRIMITIVE = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {
    }

    /** @throws IllegalArgumentException for a patch that is not one (a directive with a value kube-apiserver refuses) */
    public static Object apply(Object original, Object patch, SchemaType type) {
        return mergeValue(original, patch, type);
    }

    private static Object mergeValue(Object original, Object patch, SchemaType type) {
        Map<String, Object> p = Json.object(patch);
        if (p == null) {
            return Json.copy(patch);
        }
        Object directive = p.get(PATCH);
        if ("replace".equals(directive)) {
            Map<String, Object> replaced = Json.copyObject(p);
            replaced.remove(PATCH);
            return replaced;
        }
        if (directive != null && !"merge".equals(directive) && !"delete".equals(directive)) {
            throw new IllegalArgumentException("Unknown patch type: " + directive + " in map: " + Json.text(p));
        }
        Map<String, Object> o = Json.object(original);
        Map<String, Object> result = o == null ? new LinkedHashMap<>() : Json.copyObject(o);
        for (Map.Entry<String, Object> e : p.entrySet()) {
            String key = e.getKey();
            if (key.equals(PATCH) || key.equals(RETAIN_KEYS) || key.startsWith(ORDER)) {
                continue;
            }
            if (key.startsWith(DELETE_PRIMITIVE)) {
                String field = key.substring(DELETE_PRIMITIVE.length());
                List<Object> list = Json.list(result.get(field));
                List<Object> gone = Json.list(e.getValue());
                if (list != null && gone != null) {
                    List<Object> kept = new ArrayList<>(list);
                    kept.removeAll(gone);
                    result.put(field, kept);
                }
                continue;
            }
            Object value = e.getValue();
            if (value == null) {
                result.remove(key);
                continue;
            }
            SchemaType childType = SchemaType.child(type, key);
            if (Json.object(value) != null && "delete".equals(Json.object(value).get(PATCH))) {
                result.remove(key);
                continue;
            }
            if (value instanceof List<?> list && childType instanceof ListOf listType && listType.patch() != PatchStrategy.REPLACE) {
                result.put(key, mergeList(Json.list(result.get(key)), Json.list(list), listType));
            } else if (Json.object(value) != null) {
                result.put(key, mergeValue(result.get(key), value, childType));
            } else {
                result.put(key, Json.copy(value));
            }
        }
        for (Map.Entry<String, Object> e : p.entrySet()) {
            if (e.getKey().startsWith(ORDER)) {
                String field = e.getKey().substring(ORDER.length());
                SchemaType fieldType = SchemaType.child(type, field);
                List<Object> list = Json.list(result.get(field));
                if (list != null && Json.list(e.getValue()) != null && fieldType instanceof ListOf lt) {
                    result.put(field, order(list, Json.list(e.getValue()), lt));
                }
            }
        }
        List<Object> retain = Json.list(p.get(RETAIN_KEYS));
        if (retain != null) {
            result.keySet().removeIf(k -> !retain.contains(k));
        }
        return result;
    }

    private static List<Object> mergeList(List<Object> original, List<Object> patch, ListOf type) {
        List<Object> result = original == null ? new ArrayList<>() : new ArrayList<>(original);
        String key = type.mergeKey();
        if (key == null || !(type.element() instanceof Struct)) {
            for (Object item : patch) {
                if (!result.contains(item)) {
                    result.add(Json.copy(item));
                }
            }
            return result;
        }
        for (Object item : patch) {
            Map<String, Object> m = Json.object(item);
            if (m == null) {
                throw new IllegalArgumentException("a list with merge key " + key + " holds a value that is not an object: " + Json.text(item));
            }
            if ("replace".equals(m.get(PATCH))) {
                List<Object> replaced = new ArrayList<>();
                for (Object other : patch) {
                    if (!"replace".equals(Json.object(other) == null ? null : Json.object(other).get(PATCH))) {
                        replaced.add(Json.copy(other));
                    }
                }
                return replaced;
            }
            Object id = m.get(key);
            if (id == null) {
                throw new IllegalArgumentException("map: " + Json.text(m) + " does not contain declared merge key: " + key);
            }
            int at = indexOf(result, key, id);
            if ("delete".equals(m.get(PATCH))) {
                if (at >= 0) {
                    result.remove(at);
                }
            } else if (at >= 0) {
                result.set(at, mergeValue(result.get(at), m, type.element()));
            } else {
                result.add(mergeValue(null, m, type.element()));
            }
        }
        return result;
    }

    private static int indexOf(List<Object> list, String key, Object id) {
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> m = Json.object(list.get(i));
            if (m != null && Objects.equals(m.get(key), id)) {
                return i;
            }
        }
        return -1;
    }

    /** The list in the order kubectl asked for; elements it did not name keep their order after those it did. */
    private static List<Object> order(List<Object> list, List<Object> wanted, ListOf type) {
        List<Object> ordered = new ArrayList<>();
        List<Object> rest = new ArrayList<>(list);
        for (Object w : wanted) {
            for (int i = 0; i < rest.size(); i++) {
                Object item = rest.get(i);
                boolean same = type.mergeKey() == null ? Objects.equals(item, w)
                        : Json.object(item) != null && Json.object(w) != null
                                && Objects.equals(Json.object(item).get(type.mergeKey()), Json.object(w).get(type.mergeKey()));
                if (same) {
                    ordered.add(item);
                    rest.remove(i);
                    break;
                }
            }
        }
        ordered.addAll(rest);
        return ordered;
    }
}
