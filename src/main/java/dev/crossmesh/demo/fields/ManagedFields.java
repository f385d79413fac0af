package dev.crossmesh.demo.fields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An object's {@code metadata.managedFields}: one entry per manager identity (manager name, operation, and for updates the
 * API version; and the subresource), each with the fields it owns and when it last changed them. Entries are written
 * in kube-apiserver's order: Apply before Update, then by time, then by name.
 */
public final class ManagedFields {
    public static final String APPLY = "Apply";
    public static final String UPDATE = "Update";

    /** Who manages: what kube-apiserver turns into the key of its managers map. */
    public record Manager(String name, String operation, String apiVersion, String subresource) {
        public Manager {
            subresource = subresource == null ? "" : subresource;
            apiVersion = APPLY.equals(operation) ? "" : apiVersion;
        }

        /** As kube-apiserver names a manager in a conflict: {@code "kubectl-client-side-apply" using v1}. */
        public String describe() {
            StringBuilder sb = new StringBuilder(Json.text(name));
            if (!subresource.isEmpty()) {
                sb.append(" with subresource ").append(Json.text(subresource));
            }
            if (UPDATE.equals(operation)) {
                sb.append(" using ").append(apiVersion);
            }
            return sb.toString();
        }
    }

    /** What one manager owns, at which API version, last changed when (RFC 3339, or null). */
    public record Owned(FieldSet fields, String apiVersion, String time) {
    }

    private final Map<Manager, Owned> entries;

    private ManagedFields(Map<Manager, Owned> entries) {
        this.entries = entries;
    }

    public static ManagedFields empty() {
        return new ManagedFields(new LinkedHashMap<>());
    }

    /**
     * The managers of an object's managedFields.
     *
     * @throws IllegalArgumentException for an entry kube-apiserver would not decode (no operation, no fieldsType, ...)
     */
    public static ManagedFields decode(Object managedFields) {
        ManagedFields result = empty();
        List<Object> list = Json.list(managedFields);
        if (list == null) {
            return result;
        }
        for (Object item : list) {
            Map<String, Object> e = Json.object(item);
            if (e == null) {
                throw new IllegalArgumentException("a managedFields entry must be an object");
            }
            String operation = Json.string(e, "operation");
            if (!APPLY.equals(operation) && !UPDATE.equals(operation)) {
                throw new IllegalArgumentException("operation must be `Apply` or `Update`");
            }
            String apiVersion = Json.string(e, "apiVersion");
            if (apiVersion == null || apiVersion.isEmpty()) {
                throw new IllegalArgumentException("apiVersion must not be empty");
            }
            if (!"FieldsV1".equals(Json.string(e, "fieldsType"))) {
                throw new IllegalArgumentException("invalid fieldsType in managed fields entry");
            }
            Object fieldsV1 = e.get("fieldsV1");
            FieldSet set = fieldsV1 == null ? new FieldSet() : FieldSet.fromFieldsV1(fieldsV1);
            result.entries.put(new Manager(Objects.toString(e.get("manager"), ""), operation, apiVersion, Json.string(e, "subresource")),
                    new Owned(set, apiVersion, Json.string(e, "time")));
        }
        return result;
    }

    /** Whether a request's managedFields ask to clear them: {@code []} or {@code [{}]}. */
    public static boolean isReset(Object managedFields) {
        List<Object> list = Json.list(managedFields);
        return list != null && (list.isEmpty() || (list.size() == 1 && Json.object(list.get(0)) != null && Json.object(list.get(0)).isEmpty()));
    }

    public List<Object> encode() {
        List<Map.Entry<Manager, Owned>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort(Comparator.<Map.Entry<Manager, Owned>, String>comparing(e -> e.getKey().operation())
                .thenComparing(e -> Objects.toString(e.getValue().time(), ""))
                .thenComparing(e -> e.getKey().name())
                .thenComparing(e -> e.getValue().apiVersion())
                .thenComparing(e -> e.getKey().subresource()));
        List<Object> out = new ArrayList<>();
        for (Map.Entry<Manager, Owned> e : sorted) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("manager", e.getKey().name());
            entry.put("operation", e.getKey().operation());
            entry.put("apiVersion", e.getValue().apiVersion());
            if (e.getValue().time() != null) {
                entry.put("time", e.getValue().time());
            }
            entry.put("fieldsType", "FieldsV1");
            entry.put("fieldsV1", e.getValue().fields().toFieldsV1());
            if (!e.getKey().subresource().isEmpty()) {
                entry.put("subresource", e.getKey().subresource());
            }
            out.add(entry);
        }
        return out;
    }

    public Map<Manager, Owned> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Owned get(Manager manager) {
        return entries.get(manager);
    }

    public void put(Manager manager, Owned owned) {
        if (owned.fields().isEmpty()) {
            entries.remove(manager);
        } else {
            entries.put(manager, owned);
        }
    }

    public ManagedFields copy() {
        ManagedFields c = empty();
        entries.forEach((k, v) -> c.entries.put(k, new Owned(v.fields().copy(), v.apiVersion(), v.time())));
        return c;
    }

    /** Every manager's fields together. */
    public FieldSet all() {
        FieldSet all = new FieldSet();
        entries.values().forEach(o -> o.fields().forEach(all::insert));
        return all;
    }
}
