package dev.crossmesh.demo.fields;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.crossmesh.demo.fields.ManagedFields.Manager;
import dev.crossmesh.demo.fields.ManagedFields.Owned;
import dev.crossmesh.demo.fields.SchemaType.Struct;

/**
 * Field ownership as kube-apiserver keeps it for one object ({@code k8s.io/apimachinery/pkg/util/managedfields} over
 * structured-merge-diff):
 * <ul>
 * <li>{@link #apply}: server-side apply. The configuration is merged onto the live object; fields this manager applied
 * before and applies no more are removed unless another manager owns them; a field another manager owns that the
 * configuration sets to a different value is a conflict ({@link ApplyConflict}), unless forced, which takes the field
 * from that manager. An object that has no managedFields yet (made before anyone tracked them) first has all its
 * fields given to {@code before-first-apply}. For the manager {@code kubectl}, conflicts on fields the object's
 * last-applied-configuration annotation holds with their live value are not conflicts (the client-side to server-side
 * migration), and that annotation is kept in step.</li>
 * <li>{@link #update}: a create, update or patch. The manager takes every field it added or changed, from whoever had
 * it; fields it removed leave every manager. An existing object without managedFields stays untracked.</li>
 * </ul>
 * Fields that are never owned: apiVersion, kind and the metadata the server sets (name, namespace, uid,
 * resourceVersion, generation, creationTimestamp, managedFields). Which part of the object a request may touch
 * (everything but {@code status} through the main resource, only {@code status} through {@code /status}) is the
 * {@link Scope}.
 */
public final class FieldManager {
    public static final String BEFORE_FIRST_APPLY = "before-first-apply";
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final int MAX_UPDATE_MANAGERS = 10;
    private static final String ANCIENT = "ancient-changes";
    private static final List<List<String>> NEVER_OWNED = List.of(List.of("f:apiVersion"), List.of("f:kind"), List.of("f:metadata", "f:name"),
            List.of("f:metadata", "f:namespace"), List.of("f:metadata", "f:creationTimestamp"), List.of("f:metadata", "f:selfLink"),
            List.of("f:metadata", "f:uid"), List.of("f:metadata", "f:clusterName"), List.of("f:metadata", "f:generation"),
            List.of("f:metadata", "f:managedFields"), List.of("f:metadata", "f:resourceVersion"), List.of("f:metadata", "f:deletionTimestamp"),
            List.of("f:metadata", "f:deletionGracePeriodSeconds"));

    /** Which fields a request through the main resource or a subresource owns. */
    public enum Scope {
        /** A kind without a status subresource: everything. */
        WHOLE,
        /** The main resource of a kind with a status subresource: everything but status. */
        MAIN,
        /** The status subresource: only status. */
        STATUS;

        FieldSet filter(FieldSet set) {
            // "f:metadata" itself is never owned; what is under it may be
            FieldSet kept = set.without(NEVER_OWNED).difference(FieldSet.of(List.of(List.of("f:metadata"))));
            return switch (this) {
                case WHOLE -> kept;
                case MAIN -> kept.without(List.of(List.of("f:status")));
                case STATUS -> kept.onlyUnder(List.of("f:status"));
            };
        }

        String subresource() {
            return this == STATUS ? "status" : "";
        }
    }

    /** Server-side apply refused: fields other managers own with other values. */
    public static final class ApplyConflict extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** One field and who owns it. */
        public record Conflict(String manager, String field) {
        }

        private final List<Conflict> conflicts;

        ApplyConflict(List<Conflict> conflicts) {
            super(message(conflicts));
            this.conflicts = List.copyOf(conflicts);
        }

        public List<Conflict> conflicts() {
            return conflicts;
        }

        /** kube-apiserver's words: {@code Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.a}. */
        private static String message(List<Conflict> conflicts) {
            if (conflicts.size() == 1) {
                return "Apply failed with 1 conflict: conflict with " + conflicts.get(0).manager() + ": " + conflicts.get(0).field();
            }
            Map<String, List<String>> byManager = new java.util.TreeMap<>();
            conflicts.forEach(c -> byManager.computeIfAbsent(c.manager(), k -> new ArrayList<>()).add(c.field()));
            List<String> lines = new ArrayList<>();
            byManager.forEach((m, fields) -> {
                lines.add("conflicts with " + m + ":");
                fields.forEach(f -> lines.add("- " + f));
            });
            return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
        }
    }

    private final SchemaType type;
    private final String apiVersion;
    private final Scope scope;
    private final Instant now;

    /**
     * @param type       the kind's schema
     * @param apiVersion the version the request used ({@code apps/v1})
     */
    public FieldManager(SchemaType type, String apiVersion, Scope scope, Instant now) {
        this.type = type;
        this.apiVersion = apiVersion;
        this.scope = scope;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Server-side apply of a configuration onto the live object (null when the apply creates it).
     *
     * @return the object to store, managedFields included
     * @throws ApplyConflict            naming the managers and fields, when not forced
     * @throws IllegalArgumentException for a configuration structured-merge-diff could not type (a list element without its key)
     */
    public Map<String, Object> apply(Map<String, Object> live, Map<String, Object> config, String manager, boolean force) {
        ManagedFields managers = live == null ? ManagedFields.empty() : ManagedFields.decode(metadata(live).get("managedFields"));
        Map<String, Object> liveValue = live == null ? new LinkedHashMap<>() : withoutManagedFields(live);
        if (live != null && managers.isEmpty()) {
            managers = trackUpdate(ManagedFields.empty(), new LinkedHashMap<>(), liveValue, BEFORE_FIRST_APPLY);
        }
        Manager me = new Manager(manager, ManagedFields.APPLY, apiVersion, scope.subresource());
        FieldSet applied = scope.filter(TypedValues.fieldSet(config, type));
        Owned previous = managers.get(me);
        Map<String, Object> merged = Json.object(TypedValues.merge(liveValue, config, type));
        managers.put(me, new Owned(applied, apiVersion, previous == null ? null : previous.time()));
        if (previous != null) {
            FieldSet ownedByAnyone = managers.all();
            FieldSet gone = new FieldSet();
            previous.fields().difference(ownedByAnyone).forEach(p -> {
                if (!ownedByAnyone.hasOrBelow(p)) {
                    gone.insert(p);
                }
            });
            merged = Json.object(TypedValues.remove(merged, type, gone));
        }
        TypedValues.Comparison change = TypedValues.compare(liveValue, merged, type);
        FieldSet changed = scope.filter(change.modified().union(change.added()));
        FieldSet removed = scope.filter(change.removed());
        List<ApplyConflict.Conflict> conflicts = new ArrayList<>();
        Map<Manager, FieldSet> taken = new LinkedHashMap<>();
        for (Map.Entry<Manager, Owned> e : managers.entries().entrySet()) {
            if (e.getKey().equals(me)) {
                continue;
            }
            FieldSet clash = e.getValue().fields().intersection(changed);
            if (!clash.isEmpty()) {
                taken.put(e.getKey(), clash);
                clash.forEach(p -> conflicts.add(new ApplyConflict.Conflict(e.getKey().describe(), PathElements.display(p))));
            }
        }
        if (!conflicts.isEmpty() && !force && !(manager.equals("kubectl") && allowedByLastApplied(live, taken))) {
            throw new ApplyConflict(conflicts);
        }
        for (Map.Entry<Manager, Owned> e : new ArrayList<>(managers.entries().entrySet())) {
            if (e.getKey().equals(me)) {
                continue;
            }
            FieldSet kept = e.getValue().fields().difference(taken.getOrDefault(e.getKey(), new FieldSet())).difference(removed);
            managers.put(e.getKey(), new Owned(kept, e.getValue().apiVersion(), e.getValue().time()));
        }
        boolean objectChanged = !merged.equals(liveValue);
        if (objectChanged || previous == null) {
            managers.put(me, new Owned(applied, apiVersion, timestamp()));
        }
        if (manager.equals("kubectl") && live != null && lastApplied(live) != null) {
            Map<String, Object> annotationValue = Json.copyObject(config);
            Map<String, Object> annotations = Json.object(Json.at(annotationValue, "metadata", "annotations"));
            if (annotations != null) {
                annotations.remove(LAST_APPLIED);
            }
            Json.objectAt(merged, "metadata", "annotations").put(LAST_APPLIED, Json.text(annotationValue) + "\n");
        }
        return withManagedFields(merged, managers);
    }

    /**
     * A create (live null), update or patch by a manager.
     *
     * @param updated the object the request would store
     * @return the object to store, managedFields included (or left out where the object is untracked)
     */
    public Map<String, Object> update(Map<String, Object> live, Map<String, Object> updated, String manager) {
        Object requested = metadata(updated).get("managedFields");
        ManagedFields managers;
        if (ManagedFields.isReset(requested) && scope != Scope.STATUS) {
            managers = ManagedFields.empty();
        } else {
            ManagedFields fromRequest = scope == Scope.STATUS ? ManagedFields.empty() : decodeOrEmpty(requested);
            managers = !fromRequest.isEmpty() ? fromRequest : live == null ? ManagedFields.empty() : decodeOrEmpty(metadata(live).get("managedFields"));
            if (live != null && managers.isEmpty() && !ManagedFields.isReset(requested)) {
                return withoutManagedFields(updated); // an existing object nobody tracks stays untracked
            }
        }
        Map<String, Object> liveValue = live == null ? new LinkedHashMap<>() : withoutManagedFields(live);
        Map<String, Object> newValue = withoutManagedFields(updated);
        managers = trackUpdate(managers, liveValue, newValue, manager);
        capUpdateManagers(managers);
        return withManagedFields(newValue, managers);
    }

    private ManagedFields trackUpdate(ManagedFields managers, Map<String, Object> before, Map<String, Object> after, String manager) {
        TypedValues.Comparison change = TypedValues.compare(before, after, type);
        FieldSet changed = scope.filter(change.modified().union(change.added()));
        FieldSet removed = scope.filter(change.removed());
        for (Map.Entry<Manager, Owned> e : new ArrayList<>(managers.entries().entrySet())) {
            managers.put(e.getKey(), new Owned(e.getValue().fields().difference(changed).difference(removed), e.getValue().apiVersion(),
                    e.getValue().time()));
        }
        FieldSet taken = withoutStructPrefixes(changed);
        if (!taken.isEmpty()) {
            Manager me = new Manager(manager, ManagedFields.UPDATE, apiVersion, scope.subresource());
            Owned previous = managers.get(me);
            managers.put(me, new Owned(previous == null ? taken : previous.fields().union(taken), apiVersion, timestamp()));
        }
        return managers;
    }

    /**
     * An object's struct fields (spec, template) and the lists Go always writes (a pod's containers) exist before a create
     * fills them, as Go's zero values do, so an update owns what is in them and not the struct or list itself; maps, list
     * elements and leaves it adds are its own.
     */
    private FieldSet withoutStructPrefixes(FieldSet set) {
        FieldSet result = new FieldSet();
        set.forEach(p -> {
            SchemaType at = TypedValues.typeAt(type, p);
            boolean field = p.get(p.size() - 1).startsWith("f:");
            boolean container = field && at instanceof Struct s && !s.atomic()
                    || at instanceof SchemaType.ListOf && ModelSchemas.alwaysWritten(TypedValues.typeAt(type, p.subList(0, p.size() - 1)), p.get(p.size() - 1));
            boolean prefix = container && set.hasBelow(p);
            if (!prefix) {
                result.insert(p);
            }
        });
        return result;
    }

    /** kube-apiserver keeps at most ten update managers; the oldest are merged into {@code ancient-changes} per version. */
    private static void capUpdateManagers(ManagedFields managers) {
        List<Map.Entry<Manager, Owned>> updaters = new ArrayList<>(managers.entries().entrySet().stream()
                .filter(e -> e.getKey().operation().equals(ManagedFields.UPDATE)).toList());
        if (updaters.size() <= MAX_UPDATE_MANAGERS) {
            return;
        }
        updaters.sort(Comparator.<Map.Entry<Manager, Owned>, String>comparing(e -> Objects.toString(e.getValue().time(), ""))
                .thenComparing(e -> e.getKey().name()));
        int count = updaters.size();
        for (int i = 0; i < updaters.size() && count > MAX_UPDATE_MANAGERS; i++) {
            Map.Entry<Manager, Owned> oldest = updaters.get(i);
            Manager bucket = new Manager(ANCIENT, ManagedFields.UPDATE, oldest.getValue().apiVersion(), "");
            if (oldest.getKey().equals(bucket)) {
                continue;
            }
            Owned into = managers.get(bucket);
            managers.entries().remove(oldest.getKey());
            managers.put(bucket, new Owned(into == null ? oldest.getValue().fields() : into.fields().union(oldest.getValue().fields()),
                    oldest.getValue().apiVersion(), oldest.getValue().time()));
            if (into != null) {
                count--;
            }
        }
    }

    /**
     * Conflicts the manager {@code kubectl} may override: fields its last client-side apply set (per the object's
     * last-applied-configuration annotation) that still hold that value.
     */
    private boolean allowedByLastApplied(Map<String, Object> live, Map<Manager, FieldSet> conflicts) {
        String annotation = lastApplied(live);
        if (annotation == null) {
            return false;
        }
        Map<String, Object> last;
        try {
            last = Json.object(Json.parse(annotation));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (last == null || !apiVersion.equals(last.get("apiVersion"))) {
            return false;
        }
        FieldSet lastSet = TypedValues.fieldSet(last, type);
        TypedValues.Comparison diff = TypedValues.compare(last, withoutManagedFields(live), type);
        FieldSet allowed = lastSet.difference(diff.modified()).difference(diff.added()).difference(diff.removed());
        return conflicts.values().stream().allMatch(c -> allowed.intersection(c).equals(c));
    }

    private static String lastApplied(Map<String, Object> object) {
        Object v = Json.at(object, "metadata", "annotations", LAST_APPLIED);
        return v instanceof String s && !s.isEmpty() ? s : null;
    }

    private static ManagedFields decodeOrEmpty(Object managedFields) {
        try {
            return ManagedFields.decode(managedFields);
        } catch (IllegalArgumentException e) {
            return ManagedFields.empty();
        }
    }

    private String timestamp() {
        return now.toString();
    }

    private static Map<String, Object> metadata(Map<String, Object> object) {
        Map<String, Object> m = Json.object(object.get("metadata"));
        return m == null ? Map.of() : m;
    }

    private static Map<String, Object> withoutManagedFields(Map<String, Object> object) {
        Map<String, Object> copy = Json.copyObject(object);
        Map<String, Object> m = Json.object(copy.get("metadata"));
        if (m != null) {
            m.remove("managedFields");
        }
        return copy;
    }

    private static Map<String, Object> withManagedFields(Map<String, Object> object, ManagedFields managers) {
        Map<String, Object> m = Json.objectAt(object, "metadata");
        if (managers.isEmpty()) {
            m.remove("managedFields");
        } else {
            m.put("managedFields", managers.encode());
        }
        return object;
    }
}
