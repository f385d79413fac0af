package dev.crossmesh.demo.fields;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON merge patch (RFC 7386): objects merge key by key, {@code null} removes a key, anything else replaces. */
public final class MergePatch {
    private MergePatch() {
    }

    public static Object apply(Object target, Object patch) {
        Map<String, Object> p = Json.object(patch);
        if (p == null) {
            return Json.copy(patch);
        }
        Map<String, Object> t = Json.object(target);
        Map<String, Object> result = t == null ? new LinkedHashMap<>() : Json.copyObject(t);
        for (Map.Entry<String, Object> e : p.entrySet()) {
            if (e.getValue() == null) {
                result.remove(e.getKey());
            } else {
                result.put(e.getKey(), apply(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }
}
