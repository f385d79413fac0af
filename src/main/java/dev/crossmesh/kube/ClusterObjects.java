package dev.crossmesh.kube;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Plain REST verbs on one cluster for objects held as maps: GET, LIST, POST, PUT, DELETE, each optionally with
 * {@code dryRun=All}. Everything crossmesh writes goes through here, so a real API server and the demo mock
 * see exactly the same requests.
 */
final class ClusterObjects {
    /** The field manager crossmesh applies as: {@code kubectl get --show-managed-fields} names it. */
    static final String FIELD_MANAGER = "crossmesh";
    private final KubernetesClient client;
    private final boolean listOnce;
    /** Per "apiVersion kind namespace": the objects by name, as one LIST found them; null value = listing not allowed. */
    private final Map<String, Optional<Map<String, Map<String, Object>>>> listed = new ConcurrentHashMap<>();

    ClusterObjects(KubernetesClient client) {
        this(client, false);
    }

    /**
     * @param listOnce read namespaced objects with one LIST per kind and namespace instead of one GET per object,
     *                 kept up to date with this instance's own writes; {@link #getFresh} always asks the server
     */
    ClusterObjects(KubernetesClient client, boolean listOnce) {
        this.client = client;
        this.listOnce = listOnce;
    }

    KubernetesClient client() {
        return client;
    }

    /** The live object, or null when there is none (404); from the kind's one LIST when reading that way. */
    Map<String, Object> get(String apiVersion, String kind, String namespace, String name) {
        if (listOnce && !namespace.isEmpty()) {
            Optional<Map<String, Map<String, Object>>> byName = listed.computeIfAbsent(key(apiVersion, kind, namespace),
                    k -> listByName(apiVersion, kind, namespace));
            if (byName.isPresent()) {
                Map<String, Object> found = byName.get().get(name);
                return found == null ? null : ObjectFields.deepCopy(found);
            }
        }
        return getFresh(apiVersion, kind, namespace, name);
    }

    Map<String, Object> get(Map<String, Object> object) {
        return get((String) object.get("apiVersion"), (String) object.get("kind"), namespaceOf(object), nameOf(object));
    }

    /** Asks the server, whatever was listed before: for retries after a conflict and for waits. */
    Map<String, Object> getFresh(String apiVersion, String kind, String namespace, String name) {
        GenericKubernetesResource live = ops(ResourceKinds.of(apiVersion, kind), namespace).withName(name).get();
        Map<String, Object> result = live == null ? null : withType(toMap(live), apiVersion, kind);
        remember(apiVersion, kind, namespace, name, result);
        return result;
    }

    Map<String, Object> getFresh(Map<String, Object> object) {
        return getFresh((String) object.get("apiVersion"), (String) object.get("kind"), namespaceOf(object), nameOf(object));
    }

    private Optional<Map<String, Map<String, Object>>> listByName(String apiVersion, String kind, String namespace) {
        try {
            Map<String, Map<String, Object>> byName = new ConcurrentHashMap<>();
            list(apiVersion, kind, namespace, Map.of()).forEach(o -> byName.put(nameOf(o), o));
            return Optional.of(byName);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                // allowed to get single objects but not to list them: fall back to one GET per object
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Keeps the listed view in step with what this instance wrote or read fresh. */
    private void remember(String apiVersion, String kind, String namespace, String name, Map<String, Object> object) {
        Optional<Map<String, Map<String, Object>>> byName = listed.get(key(apiVersion, kind, namespace));
        if (byName != null && byName.isPresent()) {
            if (object == null) {
                byName.get().remove(name);
            } else {
                byName.get().put(name, ObjectFields.deepCopy(object));
            }
        }
    }

    private void remember(Map<String, Object> object) {
        remember((String) object.get("apiVersion"), (String) object.get("kind"), namespaceOf(object), nameOf(object), object);
    }

    private static String key(String apiVersion, String kind, String namespace) {
        return apiVersion + " " + kind + " " + namespace;
    }

    /** List items come without apiVersion and kind from a real API server: put them back. */
    private static Map<String, Object> withType(Map<String, Object> object, String apiVersion, String kind) {
        object.putIfAbsent("apiVersion", apiVersion);
        object.putIfAbsent("kind", kind);
        return object;
    }

    /** Objects of a kind in a namespace ("" for cluster-scoped) with all the given labels; empty when the kind is unknown to the server. */
    List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels) {
        try {
            var ops = ops(ResourceKinds.of(apiVersion, kind), namespace);
            GenericKubernetesResourceList list = labels.isEmpty() ? ops.list() : ops.withLabels(labels).list();
            return list.getItems().stream().map(r -> withType(toMap(r), apiVersion, kind)).toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    Map<String, Object> create(Map<String, Object> object, boolean dryRun) {
        Resource<GenericKubernetesResource> r = resource(object);
        Map<String, Object> stored = typed(toMap(dryRun ? r.dryRun().create() : r.create()), object);
        if (!dryRun) {
            remember(stored);
        }
        return stored;
    }

    /** PUT; the object's resourceVersion makes the server refuse it (409) if the object changed since it was read. */
    Map<String, Object> update(Map<String, Object> object, boolean dryRun) {
        Resource<GenericKubernetesResource> r = resource(object);
        Map<String, Object> stored = typed(toMap(dryRun ? r.dryRun().update() : r.update()), object);
        if (!dryRun) {
            remember(stored);
        }
        return stored;
    }

    private static Map<String, Object> typed(Map<String, Object> stored, Map<String, Object> sent) {
        return withType(stored, (String) sent.get("apiVersion"), (String) sent.get("kind"));
    }

    /**
     * Server-side apply as field manager {@link #FIELD_MANAGER}: the server merges the object into what it stores,
     * removes fields crossmesh applied before and applies no more, and answers 409 when another manager set a field to
     * another value (unless {@code force}). The answer is the object as stored (or as it would be, on a dry run).
     */
    Map<String, Object> apply(Map<String, Object> object, boolean force, boolean dryRun) {
        Resource<GenericKubernetesResource> r = resource(object);
        var ssa = (dryRun ? r.dryRun() : r).fieldManager(FIELD_MANAGER);
        Map<String, Object> stored = typed(toMap(force ? ssa.forceConflicts().serverSideApply() : ssa.serverSideApply()), object);
        if (!dryRun) {
            remember(stored);
        }
        return stored;
    }

    /**
     * Replaces the object's managedFields (JSON patch), refused (409) if the object changed since {@code live} was
     * read; the API server takes managedFields from a write that sets them.
     */
    Map<String, Object> replaceManagedFields(Map<String, Object> live, List<Map<String, Object>> managedFields) {
        Object resourceVersion = ((Map<?, ?>) live.get("metadata")).get("resourceVersion");
        List<Map<String, Object>> patch = List.of(
                Map.of("op", "test", "path", "/metadata/resourceVersion", "value", String.valueOf(resourceVersion)),
                Map.of("op", "replace", "path", "/metadata/managedFields", "value", managedFields));
        Map<String, Object> stored = typed(toMap(resource(live).patch(PatchContext.of(PatchType.JSON), Serialization.asJson(patch))), live);
        remember(stored);
        return stored;
    }

    /** @return whether there was something to delete */
    boolean delete(Map<String, Object> object, boolean dryRun) {
        Resource<GenericKubernetesResource> r = ops(ResourceKinds.of(object), namespaceOf(object)).withName(nameOf(object));
        var deleted = dryRun ? r.dryRun().delete() : r.delete();
        if (!dryRun) {
            remember((String) object.get("apiVersion"), (String) object.get("kind"), namespaceOf(object), nameOf(object), null);
        }
        return !deleted.isEmpty();
    }

    private Resource<GenericKubernetesResource> resource(Map<String, Object> object) {
        GenericKubernetesResource resource = Serialization.unmarshal(Serialization.asJson(object), GenericKubernetesResource.class);
        ResourceDefinitionContext context = ResourceKinds.of(object);
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> ops =
                client.genericKubernetesResources(context);
        return context.isNamespaceScoped() ? ops.inNamespace(namespaceOf(object)).resource(resource) : ops.resource(resource);
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> ops(
            ResourceDefinitionContext context, String namespace) {
        var ops = client.genericKubernetesResources(context);
        return context.isNamespaceScoped() ? ops.inNamespace(namespace) : ops;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(GenericKubernetesResource resource) {
        return Serialization.unmarshal(Serialization.asJson(resource), Map.class);
    }

    static String namespaceOf(Map<String, Object> object) {
        Object ns = ObjectFields.metadata(object).get("namespace");
        return ns == null ? "" : ns.toString();
    }

    static String nameOf(Map<String, Object> object) {
        return (String) ObjectFields.metadata(object).get("name");
    }

    static String displayName(Map<String, Object> object) {
        String ns = namespaceOf(object);
        return object.get("kind") + " " + (ns.isEmpty() ? "" : ns + "/") + nameOf(object);
    }
}
