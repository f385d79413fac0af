package dev.crossmesh.demo.fields;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the API knows about the shape of a value, as far as merging and field ownership need it: the schema
 * structured-merge-diff and strategic merge patch read from the OpenAPI extensions ({@code x-kubernetes-list-type},
 * {@code x-kubernetes-list-map-keys}, {@code x-kubernetes-patch-merge-key}, {@code x-kubernetes-patch-strategy},
 * {@code x-kubernetes-map-type}).
 */
public sealed interface SchemaType {

    /** A string, number, boolean or int-or-string: always a leaf. */
    record Scalar(String type, String format) implements SchemaType {
        public static final Scalar STRING = new Scalar("string", null);
        public static final Scalar INTEGER = new Scalar("integer", "int64");
        public static final Scalar INT32 = new Scalar("integer", "int32");
        public static final Scalar NUMBER = new Scalar("number", "double");
        public static final Scalar BOOLEAN = new Scalar("boolean", null);
        public static final Scalar INT_OR_STRING = new Scalar("string", "int-or-string");
        public static final Scalar QUANTITY = new Scalar("string", "quantity");
    }

    /**
     * An object with declared fields (a Go struct). Fields resolve lazily, so recursive types (a CRD's schema
     * properties) are fine.
     *
     * @param atomic {@code x-kubernetes-map-type: atomic}: owned and replaced as a whole, like a label selector
     */
    record Struct(String name, Supplier<Map<String, SchemaType>> fieldSupplier, boolean atomic) implements SchemaType {
        public Map<String, SchemaType> fields() {
            return fieldSupplier.get();
        }

        /** The field's type, or null for a field the schema does not declare. */
        public SchemaType field(String field) {
            return fields().get(field);
        }
    }

    /** A map of any keys to values of one type (labels, annotations, data). */
    record MapOf(SchemaType element) implements SchemaType {
    }

    /**
     * A list.
     *
     * @param kind      how server-side apply treats it
     * @param keys      for {@link ListKind#MAP}: the fields that identify an element
     * @param keyDefaults a value for a key field an element may leave out (protocol defaults to TCP)
     * @param patch     how a strategic merge patch treats it
     * @param mergeKey  for a merged list of objects: the patch merge key
     */
    record ListOf(SchemaType element, ListKind kind, List<String> keys, Map<String, Object> keyDefaults, PatchStrategy patch,
            String mergeKey) implements SchemaType {
        public static ListOf atomic(SchemaType element) {
            return new ListOf(element, ListKind.ATOMIC, List.of(), Map.of(), PatchStrategy.REPLACE, null);
        }
    }

    /** No schema: maps are merged key by key, lists are atomic (what structured-merge-diff deduces). */
    record Untyped() implements SchemaType {
        public static final Untyped INSTANCE = new Untyped();
    }

    enum ListKind {
        ATOMIC, SET, MAP
    }

    enum PatchStrategy {
        REPLACE, MERGE, MERGE_RETAIN_KEYS
    }

    /** The type of a field of a struct or the element of a map; untyped when unknown. */
    static SchemaType child(SchemaType parent, String key) {
        if (parent instanceof Struct s) {
            SchemaType t = s.field(key);
            return t == null ? Untyped.INSTANCE : t;
        }
        if (parent instanceof MapOf m) {
            return m.element();
        }
        return Untyped.INSTANCE;
    }
}
