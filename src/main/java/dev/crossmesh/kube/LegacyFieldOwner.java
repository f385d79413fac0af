package dev.crossmesh.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects crossmesh wrote before it used server-side apply: it created and PUT them through fabric8 without a field
 * manager, so the API server recorded their fields under the client's name, {@code fabric8-kubernetes-client}, as an
 * Update. Left so, the first apply would conflict with crossmesh's own old self wherever the plan changed, and fields
 * the plan dropped would never go. The first apply therefore moves that entry's fields to crossmesh's Apply entry (as
 * {@code kubectl apply --server-side} does for {@code kubectl-client-side-apply}) — only on objects that carry
 * crossmesh's own labels, and only while crossmesh has no Apply entry of its own yet.
 */
final class LegacyFieldOwner {
    static final String MANAGER = "fabric8-kubernetes-client";

    private LegacyFieldOwner() {
    }

    /** Whether {@code live} (owned by crossmesh) still has its fields under the old manager. */
    static boolean holds(Map<String, Object> live) {
        List<Map<String, Object>> entries = entries(live);
        return entries.stream().noneMatch(LegacyFieldOwner::crossmeshApply) && entries.stream().anyMatch(e -> legacy(e, apiVersion(live)));
    }

    /** The conflicts with managers other than the old one (whose fields crossmesh itself set before). */
    static List<ApplyConflicts.Conflict> others(List<ApplyConflicts.Conflict> conflicts) {
        return conflicts.stream().filter(c -> !c.manager().equals(MANAGER)).toList();
    }

    /** The managedFields with the old manager's fields (of the object's apiVersion) moved into crossmesh's Apply entry. */
    static List<Map<String, Object>> migrated(Map<String, Object> live) {
        String apiVersion = apiVersion(live);
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map<String, Object> e : entries(live)) {
            if (legacy(e, apiVersion)) {
                union(fields, e.get("fieldsV1"));
            } else {
                out.add(e);
            }
        }
        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("manager", ClusterObjects.FIELD_MANAGER);
        mine.put("operation", "Apply");
        mine.put("apiVersion", apiVersion);
        mine.put("fieldsType", "FieldsV1");
        mine.put("fieldsV1", fields);
        out.add(mine);
        return out;
    }

    /**
     * The labels and annotations the old manager set that {@code body} no longer applies, as diff paths marked
     * {@code (removed)}: the migrated apply removes them. A dry run cannot show it (it cannot move managedFields first),
     * so diff computes these from the old entry; other dropped fields are named in the reason only.
     */
    static List<String> droppedMetadata(Map<String, Object> live, Map<String, Object> body) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> e : entries(live)) {
            if (!legacy(e, apiVersion(live)) || !(e.get("fieldsV1") instanceof Map<?, ?> f) || !(f.get("f:metadata") instanceof Map<?, ?> m)) {
                continue;
            }
            for (String kind : List.of("labels", "annotations")) {
                Map<String, String> applied = kind.equals("labels") ? ObjectFields.labels(body) : ObjectFields.annotations(body);
                if (m.get("f:" + kind) instanceof Map<?, ?> keys) {
                    keys.keySet().stream().map(String::valueOf).filter(k -> k.startsWith("f:")).map(k -> k.substring(2))
                            .filter(k -> !applied.containsKey(k)).forEach(k -> out.add("metadata." + kind + "." + k + " (removed)"));
                }
            }
        }
        return out;
    }

    private static boolean legacy(Map<String, Object> entry, String apiVersion) {
        return MANAGER.equals(entry.get("manager")) && "Update".equals(entry.get("operation")) && apiVersion.equals(entry.get("apiVersion"))
                && entry.get("subresource") == null;
    }

    private static boolean crossmeshApply(Map<String, Object> entry) {
        return ClusterObjects.FIELD_MANAGER.equals(entry.get("manager")) && "Apply".equals(entry.get("operation"));
    }

    @SuppressWarnings("unchecked")
    private static void union(Map<String, Object> into, Object fieldsV1) {
        if (fieldsV1 instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                Object have = into.get(k);
                if (have instanceof Map<?, ?> && v instanceof Map<?, ?>) {
                    union((Map<String, Object>) have, v);
                } else if (v instanceof Map<?, ?> vm) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    union(copy, vm);
                    into.put((String) k, copy);
                } else {
                    into.putIfAbsent((String) k, v);
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> live) {
        Object metadata = live.get("metadata");
        if (metadata instanceof Map<?, ?> m && m.get("managedFields") instanceof List<?> list) {
            return list.stream().filter(Map.class::isInstance).map(e -> (Map<String, Object>) e).toList();
        }
        return List.of();
    }

    private static String apiVersion(Map<String, Object> live) {
        return String.valueOf(live.get("apiVersion"));
    }
}
