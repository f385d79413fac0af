package dev.crossmesh.demo.fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A set of field paths, as structured-merge-diff keeps them: a tree whose edges are path elements in their
 * {@code FieldsV1} spelling ({@code f:name}, {@code k:{"name":"x"}}, {@code v:"x"}, {@code i:0}) and whose nodes may
 * be members themselves. A field a manager owns is a member; a prefix such as {@code f:spec} usually is not. Mutable;
 * {@link #copy()} before changing a set someone else holds.
 */
public final class FieldSet {
    private boolean member;
    private final Map<String, FieldSet> children = new TreeMap<>();

    public FieldSet() {
    }

    public static FieldSet of(List<List<String>> paths) {
        FieldSet set = new FieldSet();
        paths.forEach(set::insert);
        return set;
    }

    public void insert(List<String> path) {
        node(path, true).member = true;
    }

    private FieldSet node(List<String> path, boolean create) {
        FieldSet current = this;
        for (String element : path) {
            FieldSet next = current.children.get(element);
            if (next == null) {
                if (!create) {
                    return null;
                }
                next = new FieldSet();
                current.children.put(element, next);
            }
            current = next;
        }
        return current;
    }

    /** Whether the path is a member (not merely a prefix of one). */
    public boolean has(List<String> path) {
        FieldSet n = node(path, false);
        return n != null && n.member;
    }

    /** Whether the path or anything below it is a member. */
    public boolean hasOrBelow(List<String> path) {
        FieldSet n = node(path, false);
        return n != null && !n.isEmpty();
    }

    /** Whether a member lies strictly below the path. */
    public boolean hasBelow(List<String> path) {
        FieldSet n = node(path, false);
        return n != null && n.children.values().stream().anyMatch(c -> !c.isEmpty());
    }

    public boolean isEmpty() {
        if (member) {
            return false;
        }
        for (FieldSet c : children.values()) {
            if (!c.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Every member path, depth first, parents before children. */
    public void forEach(Consumer<List<String>> action) {
        walk(new ArrayList<>(), action);
    }

    private void walk(List<String> prefix, Consumer<List<String>> action) {
        if (member && !prefix.isEmpty()) {
            action.accept(List.copyOf(prefix));
        }
        for (Map.Entry<String, FieldSet> e : children.entrySet()) {
            prefix.add(e.getKey());
            e.getValue().walk(prefix, action);
            prefix.remove(prefix.size() - 1);
        }
    }

    public List<List<String>> paths() {
        List<List<String>> all = new ArrayList<>();
        forEach(all::add);
        return all;
    }

    public FieldSet copy() {
        FieldSet c = new FieldSet();
        c.member = member;
        children.forEach((k, v) -> c.children.put(k, v.copy()));
        return c;
    }

    public FieldSet union(FieldSet other) {
        FieldSet result = copy();
        other.forEach(result::insert);
        return result;
    }

    public FieldSet difference(FieldSet other) {
        FieldSet result = new FieldSet();
        forEach(p -> {
            if (!other.has(p)) {
                result.insert(p);
            }
        });
        return result;
    }

    public FieldSet intersection(FieldSet other) {
        FieldSet result = new FieldSet();
        forEach(p -> {
            if (other.has(p)) {
                result.insert(p);
            }
        });
        return result;
    }

    /** This set without any path at or below one of the given prefixes (each a list of path elements). */
    public FieldSet without(List<List<String>> prefixes) {
        FieldSet result = new FieldSet();
        forEach(p -> {
            for (List<String> prefix : prefixes) {
                if (p.size() >= prefix.size() && p.subList(0, prefix.size()).equals(prefix)) {
                    return;
                }
            }
            result.insert(p);
        });
        return result;
    }

    /** Only the paths at or below the prefix. */
    public FieldSet onlyUnder(List<String> prefix) {
        FieldSet result = new FieldSet();
        forEach(p -> {
            if (p.size() >= prefix.size() && p.subList(0, prefix.size()).equals(prefix)) {
                result.insert(p);
            }
        });
        return result;
    }

    /** The {@code fieldsV1} JSON of a managedFields entry: {@code {"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}. */
    public Map<String, Object> toFieldsV1() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (member && !children.isEmpty()) {
            out.put(".", new LinkedHashMap<>());
        }
        children.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.toFieldsV1());
            }
        });
        return out;
    }

    /** @throws IllegalArgumentException for a value that is not FieldsV1 */
    public static FieldSet fromFieldsV1(Object fieldsV1) {
        FieldSet set = new FieldSet();
        Map<String, Object> m = Json.object(fieldsV1);
        if (m == null) {
            throw new IllegalArgumentException("fieldsV1 must be an object");
        }
        read(set, m, new ArrayList<>());
        return set;
    }

    private static void read(FieldSet set, Map<String, Object> m, List<String> prefix) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (e.getKey().equals(".")) {
                set.insert(prefix);
                continue;
            }
            if (e.getKey().length() < 2 || e.getKey().charAt(1) != ':' || "fkvi".indexOf(e.getKey().charAt(0)) < 0) {
                throw new IllegalArgumentException("not a FieldsV1 path element: " + e.getKey());
            }
            Map<String, Object> child = Json.object(e.getValue());
            if (child == null) {
                throw new IllegalArgumentException("FieldsV1 values must be objects: " + e.getKey());
            }
            prefix.add(e.getKey());
            if (child.isEmpty() || (child.size() == 1 && child.containsKey("."))) {
                set.insert(prefix);
            } else {
                read(set, child, prefix);
            }
            prefix.remove(prefix.size() - 1);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet f && paths().equals(f.paths());
    }

    @Override
    public int hashCode() {
        return paths().hashCode();
    }

    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        forEach(p -> shown.add(PathElements.display(p)));
        return shown.toString();
    }
}
