package dev.crossmesh.demo.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.crossmesh.demo.apiserver.ApiStatus;
import dev.crossmesh.demo.apiserver.ResourceType;
import dev.crossmesh.demo.fields.ModelSchemas;
import dev.crossmesh.demo.fields.SchemaType;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The OpenAPI documents ({@code /openapi/v3}, its per group-version documents, and {@code /openapi/v2} as JSON),
 * generated from the schemas the demo merges with (fabric8's model classes with Kubernetes' list types and merge keys)
 * and from the CRDs' own schemas: kubectl explain reads the fields, kubectl apply the merge keys, and a PATCH that
 * takes {@code fieldValidation} tells kubectl that the server validates, so {@code --validate=strict} is the server's.
 */
public final class OpenApiDocuments {
    private static final String V3 = "/openapi/v3";

    private OpenApiDocuments() {
    }

    /** The answer for an {@code /openapi} path (no query), or empty for any other path. */
    public static Optional<MockResponse> answer(String path, String accept, List<CustomResourceDefinition> crds) {
        List<ResourceType> types = ServedTypes.of(crds);
        if (path.equals("/openapi/v2")) {
            if (accept != null && !accept.contains("json") && !accept.contains("*/*")) {
                return Optional.of(OpenApiV2Protobuf.answer(v2(types, crds)));
            }
            return Optional.of(ApiStatus.json(200, v2(types, crds)));
        }
        if (path.equals(V3)) {
            Map<String, Object> paths = new LinkedHashMap<>();
            types.stream().map(ResourceType::apiVersion).distinct().forEach(gv -> {
                String key = key(gv);
                paths.put(key, Map.of("serverRelativeURL", V3 + "/" + key + "?hash=" + Integer.toHexString(gv.hashCode() ^ crds.size())));
            });
            return Optional.of(ApiStatus.json(200, Map.of("paths", paths)));
        }
        if (path.startsWith(V3 + "/")) {
            String key = path.substring(V3.length() + 1);
            List<ResourceType> served = types.stream().filter(t -> key(t.apiVersion()).equals(key)).toList();
            if (served.isEmpty()) {
                return Optional.of(RequestFront.notFound());
            }
            return Optional.of(ApiStatus.json(200, v3(served, crds)));
        }
        return Optional.empty();
    }

    private static String key(String groupVersion) {
        return groupVersion.contains("/") ? "apis/" + groupVersion : "api/" + groupVersion;
    }

    private static Map<String, Object> v3(List<ResourceType> types, List<CustomResourceDefinition> crds) {
        Schemas schemas = new Schemas("#/components/schemas/");
        Map<String, Object> paths = new LinkedHashMap<>();
        for (ResourceType t : types) {
            schemas.kind(t, crds);
            paths.put(objectPath(t), Map.of("patch", patch(t)));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.0");
        doc.put("info", Map.of("title", "Kubernetes (crossmesh demo cluster)", "version", "v1.30.4"));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas.all));
        return doc;
    }

    private static Map<String, Object> v2(List<ResourceType> types, List<CustomResourceDefinition> crds) {
        Schemas schemas = new Schemas("#/definitions/");
        Map<String, Object> paths = new LinkedHashMap<>();
        for (ResourceType t : types) {
            schemas.kind(t, crds);
            paths.put(objectPath(t), Map.of("patch", Map.of("x-kubernetes-group-version-kind", gvk(t), "parameters",
                    List.of(Map.of("name", "fieldValidation", "in", "query", "type", "string", "uniqueItems", true)))));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("swagger", "2.0");
        doc.put("info", Map.of("title", "Kubernetes (crossmesh demo cluster)", "version", "v1.30.4"));
        doc.put("paths", paths);
        doc.put("definitions", schemas.all);
        return doc;
    }

    private static String objectPath(ResourceType t) {
        return "/" + key(t.apiVersion()) + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural() + "/{name}";
    }

    /** A PATCH that takes fieldValidation: how kubectl learns that the server validates fields. */
    private static Map<String, Object> patch(ResourceType t) {
        return Map.of("x-kubernetes-group-version-kind", gvk(t), "parameters",
                List.of(Map.of("name", "fieldValidation", "in", "query", "schema", Map.of("type", "string", "uniqueItems", true))));
    }

    private static Map<String, Object> gvk(ResourceType t) {
        return Map.of("group", t.group(), "version", t.version(), "kind", t.kind());
    }

    /** The named schemas of one document, each struct once. */
    private static final class Schemas {
        private final String prefix;
        private final Map<String, Object> all = new LinkedHashMap<>();

        /** @param prefix where references point; v2's ({@code #/definitions/}) are plain, v3's wrapped in allOf as kube-apiserver writes them */
        Schemas(String prefix) {
            this.prefix = prefix;
        }

        void kind(ResourceType t, List<CustomResourceDefinition> crds) {
            String name;
            Map<String, Object> schema;
            if (t.builtIn() && t.schema() instanceof SchemaType.Struct struct) {
                name = name(struct);
                define(struct);
                schema = Serialization.jsonMapper().convertValue(all.get(name), Map.class);
            } else {
                name = "dev.crossmesh.demo." + t.group() + "." + t.version() + "." + t.kind();
                schema = customSchema(t, crds);
                Map<String, Object> properties = new LinkedHashMap<>();
                if (schema.get("properties") instanceof Map<?, ?> existing) {
                    existing.forEach((k, v) -> properties.put(String.valueOf(k), v));
                }
                properties.put("apiVersion", Map.of("type", "string", "description", "APIVersion defines the versioned schema of this object."));
                properties.put("kind", Map.of("type", "string", "description", "Kind is a string value representing the REST resource."));
                properties.put("metadata", ref(define((SchemaType.Struct) ModelSchemas.of(ObjectMeta.class))));
                schema.put("type", "object");
                schema.put("properties", properties);
            }
            schema.put("x-kubernetes-group-version-kind", List.of(gvk(t)));
            all.put(name, schema);
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> customSchema(ResourceType t, List<CustomResourceDefinition> crds) {
            for (CustomResourceDefinition crd : crds) {
                if (crd.getSpec() == null || !t.group().equals(crd.getSpec().getGroup()) || crd.getSpec().getNames() == null
                        || !t.plural().equals(crd.getSpec().getNames().getPlural())) {
                    continue;
                }
                for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
                    if (v.getName().equals(t.version()) && v.getSchema() != null && v.getSchema().getOpenAPIV3Schema() != null) {
                        return Serialization.jsonMapper().convertValue(v.getSchema().getOpenAPIV3Schema(), Map.class);
                    }
                }
            }
            return new LinkedHashMap<>(Map.of("x-kubernetes-preserve-unknown-fields", true));
        }

        private String name(SchemaType.Struct struct) {
            return "dev.crossmesh.demo.model." + struct.name();
        }

        /** Defines a struct and every struct it reaches; answers its name. */
        private String define(SchemaType.Struct struct) {
            String name = name(struct);
            if (all.containsKey(name)) {
                return name;
            }
            Map<String, Object> schema = new LinkedHashMap<>();
            all.put(name, schema); // before its fields: recursive types end here
            schema.put("type", "object");
            Map<String, Object> properties = new LinkedHashMap<>();
            struct.fields().forEach((field, type) -> properties.put(field, of(type)));
            schema.put("properties", properties);
            if (struct.atomic()) {
                schema.put("x-kubernetes-map-type", "atomic");
            }
            return name;
        }

        private Map<String, Object> ref(String name) {
            if (prefix.startsWith("#/definitions/")) {
                return Map.of("$ref", prefix + name);
            }
            return Map.of("allOf", List.of(Map.of("$ref", prefix + name)));
        }

        private Map<String, Object> of(SchemaType type) {
            Map<String, Object> s = new LinkedHashMap<>();
            if (type instanceof SchemaType.Struct struct) {
                return ref(define(struct));
            }
            if (type instanceof SchemaType.Scalar scalar) {
                if (scalar == SchemaType.Scalar.INT_OR_STRING || scalar == SchemaType.Scalar.QUANTITY) {
                    s.put("x-kubernetes-int-or-string", true);
                    return s;
                }
                s.put("type", scalar.type());
                if (scalar.format() != null) {
                    s.put("format", scalar.format());
                }
                return s;
            }
            if (type instanceof SchemaType.MapOf map) {
                s.put("type", "object");
                s.put("additionalProperties", of(map.element()));
                return s;
            }
            if (type instanceof SchemaType.ListOf list) {
                s.put("type", "array");
                s.put("items", of(list.element()));
                s.put("x-kubernetes-list-type", list.kind().name().toLowerCase(java.util.Locale.ROOT));
                if (!list.keys().isEmpty()) {
                    s.put("x-kubernetes-list-map-keys", new ArrayList<>(list.keys()));
                }
                if (list.patch() != SchemaType.PatchStrategy.REPLACE) {
                    s.put("x-kubernetes-patch-strategy", list.patch() == SchemaType.PatchStrategy.MERGE ? "merge" : "merge,retainKeys");
                }
                if (list.mergeKey() != null) {
                    s.put("x-kubernetes-patch-merge-key", list.mergeKey());
                }
                return s;
            }
            s.put("x-kubernetes-preserve-unknown-fields", true);
            return s;
        }
    }
}
