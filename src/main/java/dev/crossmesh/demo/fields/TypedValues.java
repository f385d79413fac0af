package dev.crossmesh.demo.fields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.crossmesh.demo.fields.SchemaType.ListKind;
import dev.crossmesh.demo.fields.SchemaType.ListOf;
import dev.crossmesh.demo.fields.SchemaType.MapOf;
import dev.crossmesh.demo.fields.SchemaType.Struct;
import dev.crossmesh.demo.fields.SchemaType.Untyped;

/**
 * The four walks of structured-merge-diff over a value and its schema: the set of fields a value sets
 * ({@link #fieldSet}), what changed between two values ({@link #compare}), an applied configuration merged onto a live
 * value ({@link #merge}) and a value without some fields ({@link #remove}). Lists are walked by element identity (merge
 * key or value), never by index, unless they are atomic.
 */
public final class TypedValues {
    private TypedValues() {
    }

    /** Added, modified and removed fields from the left value to the right one. */
    public record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
        public boolean isSame() {
            return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
        }
    }

    /** @throws IllegalArgumentException when a list element lacks its key fields or two elements share a key */
    public static FieldSet fieldSet(Object value, SchemaType type) {
        FieldSet set = new FieldSet();
        toFieldSet(value, type, new ArrayList<>(), set, "");
        return set;
    }

    private static void toFieldSet(Object value, SchemaType type, List<String> path, FieldSet set, String where) {
        if (isLeaf(value, type)) {
            insert(set, path);
            return;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = (String) e.getKey();
                SchemaType childType = SchemaType.child(type, key);
                path.add(PathElements.field(key));
                toFieldSet(e.getValue(), childType, path, set, where + "." + key);
                boolean declared = type instanceof Struct s && s.field(key) != null;
                if (e.getValue() == null || (e.getValue() instanceof Map<?, ?> cm && cm.isEmpty()) || !declared) {
                    insert(set, path);
                }
                path.remove(path.size() - 1);
            }
            return;
        }
        List<?> list = (List<?>) value;
        ListOf listType = (ListOf) type;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String element = element(listType, list.get(i), i, where);
            if (!seen.add(element)) {
                throw new IllegalArgumentException(where + ": duplicate entries for key " + PathElements.display(List.of(element)));
            }
            path.add(element);
            toFieldSet(list.get(i), listType.element(), path, set, where + "[" + i + "]");
            insert(set, path);
            path.remove(path.size() - 1);
        }
    }

    private static void insert(FieldSet set, List<String> path) {
        if (!path.isEmpty()) {
            set.insert(path);
        }
    }

    /**
     * Whether the value is owned as a whole: scalars, nulls, atomic lists and structs, and a value whose form does not
     * match its schema (a string where an object belongs is still one value).
     */
    private static boolean isLeaf(Object value, SchemaType type) {
        if (value instanceof Map<?, ?>) {
            return type instanceof Struct s ? s.atomic() : !(type instanceof MapOf || type instanceof Untyped);
        }
        if (value instanceof List<?>) {
            return !(type instanceof ListOf l) || l.kind() == ListKind.ATOMIC;
        }
        return true;
    }

    /** The path element of a list element: its key fields, or its value in a set. */
    static String element(ListOf type, Object item, int index, String where) {
        if (type.kind() == ListKind.SET) {
            return PathElements.value(item);
        }
        if (type.kind() == ListKind.MAP) {
            Map<String, Object> m = Json.object(item);
            if (m == null) {
                throw new IllegalArgumentException(where + ": element " + index + ": expected an object");
            }
            Map<String, Object> key = new LinkedHashMap<>();
            for (String k : type.keys()) {
                Object v = m.containsKey(k) && m.get(k) != null ? m.get(k) : type.keyDefaults().get(k);
                if (v == null) {
                    throw new IllegalArgumentException(where + ": element " + index + ": associative list with keys has an element that omits key field \""
                            + k + "\" (and doesn't have default value)");
                }
                key.put(k, v);
            }
            return PathElements.key(key);
        }
        return PathElements.index(index);
    }

    public static Comparison compare(Object lhs, Object rhs, SchemaType type) {
        Comparison c = new Comparison(new FieldSet(), new FieldSet(), new FieldSet());
        compare(lhs, rhs, type, new ArrayList<>(), c, "");
        return c;
    }

    private static void compare(Object lhs, Object rhs, SchemaType type, List<String> path, Comparison c, String where) {
        boolean bothEmpty = isEmptyCollection(lhs) && isEmptyCollection(rhs);
        boolean leftLeaf = lhs == null || isLeaf(lhs, type);
        boolean rightLeaf = rhs == null || isLeaf(rhs, type);
        boolean sameForm = lhs == null || rhs == null || (lhs instanceof Map) == (rhs instanceof Map) && (lhs instanceof List) == (rhs instanceof List);
        if (bothEmpty || (leftLeaf && rightLeaf) || !sameForm) {
            if (path.isEmpty()) {
                return;
            }
            if (lhs == null && rhs != null) {
                c.added().insert(path);
            } else if (rhs == null && lhs != null) {
                c.removed().insert(path);
            } else if (!Objects.equals(lhs, rhs)) {
                c.modified().insert(path);
            }
            return;
        }
        Object shape = lhs != null ? lhs : rhs;
        if (shape instanceof Map<?, ?>) {
            Map<String, Object> l = lhs == null ? Map.of() : Json.object(lhs);
            Map<String, Object> r = rhs == null ? Map.of() : Json.object(rhs);
            Set<String> keys = new LinkedHashSet<>(l.keySet());
            keys.addAll(r.keySet());
            for (String key : keys) {
                path.add(PathElements.field(key));
                Object lv = l.get(key);
                Object rv = r.get(key);
                if (l.containsKey(key) && lv == null && r.containsKey(key) && rv == null) {
                    // null on both sides: unchanged
                } else if (l.containsKey(key) && lv == null) {
                    c.modified().insert(path);
                } else if (r.containsKey(key) && rv == null && lv != null) {
                    c.modified().insert(path);
                } else {
                    compare(lv, rv, SchemaType.child(type, key), path, c, where + "." + key);
                }
                path.remove(path.size() - 1);
            }
        } else {
            ListOf listType = (ListOf) type;
            Map<String, Object> l = elements(listType, lhs, where);
            Map<String, Object> r = elements(listType, rhs, where);
            Set<String> all = new LinkedHashSet<>(l.keySet());
            all.addAll(r.keySet());
            for (String element : all) {
                path.add(element);
                compare(l.get(element), r.get(element), listType.element(), path, c, where + "[]");
                path.remove(path.size() - 1);
            }
        }
        if (!path.isEmpty()) {
            if (lhs == null) {
                c.added().insert(path);
            } else if (rhs == null) {
                c.removed().insert(path);
            }
        }
    }

    private static boolean isEmptyCollection(Object v) {
        return v == null || (v instanceof Map<?, ?> m && m.isEmpty()) || (v instanceof List<?> l && l.isEmpty());
    }

    private static Map<String, Object> elements(ListOf type, Object list, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> items = Json.list(list);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                out.putIfAbsent(element(type, items.get(i), i, where), items.get(i));
            }
        }
        return out;
    }

    /** An applied configuration merged onto a live value: the configuration wins field by field, list element by element. */
    public static Object merge(Object lhs, Object rhs, SchemaType type) {
        return merge(lhs, rhs, type, "");
    }

    private static Object merge(Object lhs, Object rhs, SchemaType type, String where) {
        if (rhs == null || lhs == null || isLeaf(rhs, type) || isLeaf(lhs, type)
                || (lhs instanceof Map) != (rhs instanceof Map)) {
            return Json.copy(rhs);
        }
        if (rhs instanceof Map<?, ?>) {
            Map<String, Object> l = Json.object(lhs);
            Map<String, Object> r = Json.object(rhs);
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : l.entrySet()) {
                out.put(e.getKey(), r.containsKey(e.getKey()) ? merge(e.getValue(), r.get(e.getKey()), SchemaType.child(type, e.getKey()), where)
                        : Json.copy(e.getValue()));
            }
            for (Map.Entry<String, Object> e : r.entrySet()) {
                if (!l.containsKey(e.getKey())) {
                    out.put(e.getKey(), Json.copy(e.getValue()));
                }
            }
            return out;
        }
        return mergeList((ListOf) type, Json.list(lhs), Json.list(rhs), where);
    }

    /** structured-merge-diff's order: live elements keep their places, applied ones follow the applied order. */
    private static List<Object> mergeList(ListOf type, List<Object> lhs, List<Object> rhs, String where) {
        List<String> lPes = new ArrayList<>();
        Map<String, Object> lValues = new HashMap<>();
        for (int i = 0; i < lhs.size(); i++) {
            String pe = element(type, lhs.get(i), i, where);
            if (!lValues.containsKey(pe)) {
                lPes.add(pe);
                lValues.put(pe, lhs.get(i));
            }
        }
        List<String> rPes = new ArrayList<>();
        Map<String, Object> rValues = new HashMap<>();
        for (int i = 0; i < rhs.size(); i++) {
            String pe = element(type, rhs.get(i), i, where);
            if (rValues.containsKey(pe)) {
                throw new IllegalArgumentException(where + ": duplicate entries for key " + PathElements.display(List.of(pe)));
            }
            rPes.add(pe);
            rValues.put(pe, rhs.get(i));
        }
        List<String> shared = new ArrayList<>();
        for (String pe : rPes) {
            if (lValues.containsKey(pe)) {
                shared.add(pe);
            }
        }
        int nextShared = 0;
        Set<String> merged = new HashSet<>();
        List<Object> out = new ArrayList<>();
        int li = 0;
        int ri = 0;
        while (li < lPes.size() || ri < rPes.size()) {
            if (li < lPes.size() && ri < rPes.size()) {
                String pe = lPes.get(li);
                if (pe.equals(rPes.get(ri))) {
                    merged.add(pe);
                    out.add(merge(lValues.get(pe), rValues.get(pe), type.element(), where));
                    li++;
                    ri++;
                    nextShared++;
                    continue;
                }
                if (rValues.containsKey(pe) && nextShared < shared.size() && !shared.get(nextShared).equals(pe)) {
                    li++;
                    continue;
                }
            }
            if (li < lPes.size()) {
                String pe = lPes.get(li);
                if (!rValues.containsKey(pe)) {
                    out.add(Json.copy(lValues.get(pe)));
                    li++;
                    continue;
                } else if (merged.contains(pe)) {
                    li++;
                }
            }
            if (ri < rPes.size()) {
                String pe = rPes.get(ri);
                merged.add(pe);
                out.add(lValues.containsKey(pe) ? merge(lValues.get(pe), rValues.get(pe), type.element(), where) : Json.copy(rValues.get(pe)));
                ri++;
                if (nextShared < shared.size() && shared.get(nextShared).equals(pe)) {
                    nextShared++;
                }
            }
        }
        return out;
    }

    /** The value without the members of the set: a member field goes with everything under it, as does a member list element. */
    public static Object remove(Object value, SchemaType type, FieldSet set) {
        return remove(value, type, set, new ArrayList<>());
    }

    private static Object remove(Object value, SchemaType type, FieldSet set, List<String> path) {
        if (value == null || isLeaf(value, type)) {
            return value;
        }
        if (value instanceof Map<?, ?>) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : Json.object(value).entrySet()) {
                path.add(PathElements.field(e.getKey()));
                if (!set.has(path)) {
                    Object kept = set.hasOrBelow(path) ? remove(e.getValue(), SchemaType.child(type, e.getKey()), set, path) : e.getValue();
                    // what removal emptied goes too, as an empty list or map is left out when kube-apiserver writes an object
                    if (kept == e.getValue() || !isEmptyCollection(kept)) {
                        out.put(e.getKey(), kept);
                    }
                }
                path.remove(path.size() - 1);
            }
            return out;
        }
        ListOf listType = (ListOf) type;
        List<Object> out = new ArrayList<>();
        List<Object> items = Json.list(value);
        for (int i = 0; i < items.size(); i++) {
            path.add(element(listType, items.get(i), i, ""));
            if (!set.has(path)) {
                out.add(set.hasOrBelow(path) ? remove(items.get(i), listType.element(), set, path) : items.get(i));
            }
            path.remove(path.size() - 1);
        }
        return out;
    }

    /** The schema type at a path of the value's schema, or untyped. */
    public static SchemaType typeAt(SchemaType root, List<String> path) {
        SchemaType t = root;
        for (String element : path) {
            if (element.startsWith("f:")) {
                t = SchemaType.child(t, element.substring(2));
            } else {
                t = t instanceof ListOf l ? l.element() : Untyped.INSTANCE;
            }
        }
        return t;
    }
}
