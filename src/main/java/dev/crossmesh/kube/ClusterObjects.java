package dev.crossmesh.kube;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Plain REST verbs on one cluster for objects held as maps: GET, LIST, POST, PUT, DELETE, each optionally with
 * {@code dryRun=All}. Everything crossmesh writes goes through here, so a real API server and the demo mock
 * see exactly the same requests.
 */
final class ClusterObjects {
    private final KubernetesClient client;

    ClusterObjects(KubernetesClient client) {
        this.client = client;
    }

    KubernetesClient client() {
        return client;
    }

    /** The live object, or null when there is none (404). */
    Map<String, Object> get(String apiVersion, String kind, String namespace, String name) {
        GenericKubernetesResource live = ops(ResourceKinds.of(apiVersion, kind), namespace).withName(name).get();
        return live == null ? null : toMap(live);
    }

    Map<String, Object> get(Map<String, Object> object) {
        return get((String) object.get("apiVersion"), (String) object.get("kind"), namespaceOf(object), nameOf(object));
    }

    /** Objects of a kind in a namespace ("" for cluster-scoped) with all the given labels; empty when the kind is unknown to the server. */
    List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels) {
        try {
            var ops = ops(ResourceKinds.of(apiVersion, kind), namespace);
            GenericKubernetesResourceList list = labels.isEmpty() ? ops.list() : ops.withLabels(labels).list();
            return list.getItems().stream().map(ClusterObjects::toMap).toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    Map<String, Object> create(Map<String, Object> object, boolean dryRun) {
        Resource<GenericKubernetesResource> r = resource(object);
        return toMap(dryRun ? r.dryRun().create() : r.create());
    }

    /** PUT; the object's resourceVersion makes the server refuse it (409) if the object changed since it was read. */
    Map<String, Object> update(Map<String, Object> object, boolean dryRun) {
        Resource<GenericKubernetesResource> r = resource(object);
        return toMap(dryRun ? r.dryRun().update() : r.update());
    }

    /** @return whether there was something to delete */
    boolean delete(Map<String, Object> object, boolean dryRun) {
        Resource<GenericKubernetesResource> r = ops(ResourceKinds.of(object), namespaceOf(object)).withName(nameOf(object));
        var deleted = dryRun ? r.dryRun().delete() : r.delete();
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
