package dev.crossmesh.demo.fields;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.crossmesh.demo.fields.SchemaType.ListKind;
import dev.crossmesh.demo.fields.SchemaType.ListOf;
import dev.crossmesh.demo.fields.SchemaType.MapOf;
import dev.crossmesh.demo.fields.SchemaType.PatchStrategy;
import dev.crossmesh.demo.fields.SchemaType.Scalar;
import dev.crossmesh.demo.fields.SchemaType.Struct;
import dev.crossmesh.demo.fields.SchemaType.Untyped;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Schemas of the built-in kinds, read from fabric8's model classes (their fields are the Kubernetes API's fields,
 * generated from its OpenAPI document), plus what the model does not carry: the list types and patch strategies that
 * Kubernetes declares on its Go types ({@code +listType=map}, {@code +listMapKey=name},
 * {@code patchStrategy:"merge" patchMergeKey:"name"}, {@code +structType=atomic}). One table serves server-side apply,
 * strategic merge patch and the OpenAPI documents, so kubectl computes its patches with the merge keys the server uses.
 */
public final class ModelSchemas {
    private static final Map<Class<?>, Struct> CACHE = new ConcurrentHashMap<>();

    private record ListRule(ListKind kind, List<String> keys, PatchStrategy patch, String mergeKey) {
    }

    private static final Map<String, ListRule> LISTS = new LinkedHashMap<>();
    /** Structs that are owned and replaced whole ({@code +structType=atomic}). */
    private static final Set<String> ATOMIC_STRUCTS = Set.of("LabelSelector", "NodeSelector", "ObjectReference", "LocalObjectReference",
            "TypedLocalObjectReference", "SecretKeySelector", "ConfigMapKeySelector", "ObjectFieldSelector", "ResourceFieldSelector",
            "SecretReference", "ConfigMapEnvSource", "SecretEnvSource");
    private static final Map<String, Object> PROTOCOL_DEFAULT = Map.of("protocol", "TCP");

    static {
        map("ObjectMeta.ownerReferences", "uid", "uid");
        set("ObjectMeta.finalizers");
        for (String spec : List.of("PodSpec")) {
            map(spec + ".containers", "name", "name");
            map(spec + ".initContainers", "name", "name");
            map(spec + ".ephemeralContainers", "name", "name");
            map(spec + ".imagePullSecrets", "name", "name");
            map(spec + ".hostAliases", "ip", "ip");
            map(spec + ".schedulingGates", "name", "name");
            LISTS.put(spec + ".volumes", new ListRule(ListKind.MAP, List.of("name"), PatchStrategy.MERGE_RETAIN_KEYS, "name"));
            LISTS.put(spec + ".resourceClaims", new ListRule(ListKind.MAP, List.of("name"), PatchStrategy.MERGE_RETAIN_KEYS, "name"));
            LISTS.put(spec + ".topologySpreadConstraints", new ListRule(ListKind.MAP, List.of("topologyKey", "whenUnsatisfiable"),
                    PatchStrategy.MERGE, "topologyKey"));
        }
        for (String container : List.of("Container", "EphemeralContainer")) {
            LISTS.put(container + ".ports", new ListRule(ListKind.MAP, List.of("containerPort", "protocol"), PatchStrategy.MERGE, "containerPort"));
            map(container + ".env", "name", "name");
            map(container + ".volumeMounts", "mountPath", "mountPath");
            map(container + ".volumeDevices", "devicePath", "devicePath");
        }
        LISTS.put("ServiceSpec.ports", new ListRule(ListKind.MAP, List.of("port", "protocol"), PatchStrategy.MERGE, "port"));
        for (String status : List.of("PodStatus", "ServiceStatus", "NodeStatus", "NamespaceStatus", "DeploymentStatus", "ReplicaSetStatus",
                "StatefulSetStatus", "DaemonSetStatus", "CustomResourceDefinitionStatus")) {
            map(status + ".conditions", "type", "type");
        }
        map("PodStatus.podIPs", "ip", "ip");
        map("PodStatus.hostIPs", "ip", "ip");
        map("NodeStatus.addresses", "type", "type");
        set("NodeSpec.podCIDRs");
    }

    private static void map(String field, String key, String mergeKey) {
        LISTS.put(field, new ListRule(ListKind.MAP, List.of(key), PatchStrategy.MERGE, mergeKey));
    }

    private static void set(String field) {
        LISTS.put(field, new ListRule(ListKind.SET, List.of(), PatchStrategy.MERGE, null));
    }

    private ModelSchemas() {
    }

    /** Whether Go writes the field even when empty (no {@code omitempty}): a pod's containers. */
    static boolean alwaysWritten(SchemaType parent, String field) {
        return parent instanceof Struct s && s.name().equals("PodSpec") && field.equals("f:containers");
    }

    /** The schema of a fabric8 model class (Deployment.class, ...). */
    public static Struct of(Class<?> model) {
        Struct cached = CACHE.get(model);
        if (cached != null) {
            return cached;
        }
        Struct made = new Struct(model.getSimpleName(), memoize(() -> fields(model)), ATOMIC_STRUCTS.contains(model.getSimpleName()));
        Struct raced = CACHE.putIfAbsent(model, made);
        return raced == null ? made : raced;
    }

    private static java.util.function.Supplier<Map<String, SchemaType>> memoize(java.util.function.Supplier<Map<String, SchemaType>> supplier) {
        return new java.util.function.Supplier<>() {
            private volatile Map<String, SchemaType> value;

            @Override
            public Map<String, SchemaType> get() {
                Map<String, SchemaType> v = value;
                if (v == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = supplier.get();
                        }
                        v = value;
                    }
                }
                return v;
            }
        };
    }

    private static Map<String, SchemaType> fields(Class<?> model) {
        Map<String, SchemaType> fields = new LinkedHashMap<>();
        for (Class<?> c = model; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                JsonProperty property = f.getAnnotation(JsonProperty.class);
                if (property == null || Modifier.isStatic(f.getModifiers()) || property.value().isEmpty()) {
                    continue;
                }
                fields.putIfAbsent(property.value(), type(f.getGenericType(), model.getSimpleName() + "." + property.value()));
            }
        }
        return fields;
    }

    private static SchemaType type(Type type, String where) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (List.class.isAssignableFrom(raw)) {
                SchemaType element = type(p.getActualTypeArguments()[0], where + "[]");
                ListRule rule = LISTS.get(where);
                if (rule == null) {
                    return ListOf.atomic(element);
                }
                return new ListOf(element, rule.kind(), rule.keys(), rule.keys().contains("protocol") ? PROTOCOL_DEFAULT : Map.of(),
                        rule.patch(), rule.mergeKey());
            }
            if (Map.class.isAssignableFrom(raw)) {
                return new MapOf(type(p.getActualTypeArguments()[1], where + "{}"));
            }
            return Untyped.INSTANCE;
        }
        if (!(type instanceof Class<?> c)) {
            return Untyped.INSTANCE;
        }
        if (c == String.class) {
            return Scalar.STRING;
        }
        if (c == Integer.class || c == int.class) {
            return Scalar.INT32;
        }
        if (c == Long.class || c == long.class) {
            return Scalar.INTEGER;
        }
        if (c == Boolean.class || c == boolean.class) {
            return Scalar.BOOLEAN;
        }
        if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
            return Scalar.NUMBER;
        }
        if (c == IntOrString.class) {
            return Scalar.INT_OR_STRING;
        }
        if (c == Quantity.class) {
            return Scalar.QUANTITY;
        }
        if (c.getPackageName().startsWith("io.fabric8.kubernetes.api.model") && !c.isInterface() && hasProperties(c)) {
            return of(c);
        }
        return Untyped.INSTANCE; // RawExtension, JSON, a CRD schema's free-form parts
    }

    private static boolean hasProperties(Class<?> c) {
        for (Field f : c.getDeclaredFields()) {
            if (f.getAnnotation(JsonProperty.class) != null && !Modifier.isStatic(f.getModifiers())) {
                return true;
            }
        }
        return false;
    }
}
