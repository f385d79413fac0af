package dev.crossmesh.kube;

import java.util.Locale;
import java.util.Map;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The REST coordinates (group, version, plural, scope) of every kind crossmesh writes. Known here rather than
 * discovered, so that one request per object suffices and custom kinds work before their CRD is visible.
 */
final class ResourceKinds {
    private record Shape(String plural, boolean namespaced) {
    }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("Namespace", new Shape("namespaces", false)),
            Map.entry("Secret", new Shape("secrets", true)),
            Map.entry("ConfigMap", new Shape("configmaps", true)),
            Map.entry("ServiceAccount", new Shape("serviceaccounts", true)),
            Map.entry("Service", new Shape("services", true)),
            Map.entry("Pod", new Shape("pods", true)),
            Map.entry("Node", new Shape("nodes", false)),
            Map.entry("Deployment", new Shape("deployments", true)),
            Map.entry("ClusterRole", new Shape("clusterroles", false)),
            Map.entry("ClusterRoleBinding", new Shape("clusterrolebindings", false)),
            Map.entry("CustomResourceDefinition", new Shape("customresourcedefinitions", false)),
            Map.entry("Gateway", new Shape("gateways", true)),
            Map.entry("VirtualService", new Shape("virtualservices", true)),
            Map.entry("IstioOperator", new Shape("istiooperators", true)));

    private ResourceKinds() {
    }

    static ResourceDefinitionContext of(String apiVersion, String kind) {
        Shape shape = SHAPES.get(kind);
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(shape != null ? shape.plural() : kind.toLowerCase(Locale.ROOT) + "s")
                .withNamespaced(shape == null || shape.namespaced())
                .build();
    }

    static ResourceDefinitionContext of(Map<String, Object> object) {
        return of((String) object.get("apiVersion"), (String) object.get("kind"));
    }

    /** The resource name RBAC and SelfSubjectAccessReview use, e.g. "secrets". */
    static String plural(String kind) {
        Shape shape = SHAPES.get(kind);
        return shape != null ? shape.plural() : kind.toLowerCase(Locale.ROOT) + "s";
    }
}
