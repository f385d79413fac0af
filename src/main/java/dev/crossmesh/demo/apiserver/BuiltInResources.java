package dev.crossmesh.demo.apiserver;

import java.util.ArrayList;
import java.util.List;

import dev.crossmesh.demo.fields.ModelSchemas;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/** The built-in resources a demo cluster serves: those crossmesh, istioctl and a curious trainer touch. */
public final class BuiltInResources {
    private static final List<String> CREATE = List.of("create");
    private static final List<ResourceType> ALL = new ArrayList<>();

    static {
        add("", "namespaces", "Namespace", false, Namespace.class, true, false, List.of("ns"), List.of(),
                List.of("create", "delete", "get", "list", "patch", "update", "watch"));
        add("", "nodes", "Node", false, Node.class, true, false, List.of("no"), List.of(), ResourceType.ALL_VERBS);
        add("", "pods", "Pod", true, Pod.class, true, false, List.of("po"), List.of("all"), ResourceType.ALL_VERBS);
        add("", "services", "Service", true, Service.class, true, false, List.of("svc"), List.of("all"),
                List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"));
        add("", "endpoints", "Endpoints", true, Endpoints.class, false, false, List.of("ep"), List.of(), ResourceType.ALL_VERBS);
        add("", "secrets", "Secret", true, Secret.class, false, false, List.of(), List.of(), ResourceType.ALL_VERBS);
        add("", "configmaps", "ConfigMap", true, ConfigMap.class, false, false, List.of("cm"), List.of(), ResourceType.ALL_VERBS);
        add("", "serviceaccounts", "ServiceAccount", true, ServiceAccount.class, false, false, List.of("sa"), List.of(), ResourceType.ALL_VERBS);
        add("", "events", "Event", true, Event.class, false, false, List.of("ev"), List.of(), ResourceType.ALL_VERBS);
        add("apps", "deployments", "Deployment", true, Deployment.class, true, true, List.of("deploy"), List.of("all"), ResourceType.ALL_VERBS);
        add("apps", "replicasets", "ReplicaSet", true, ReplicaSet.class, true, true, List.of("rs"), List.of("all"), ResourceType.ALL_VERBS);
        add("apps", "statefulsets", "StatefulSet", true, StatefulSet.class, true, true, List.of("sts"), List.of("all"), ResourceType.ALL_VERBS);
        add("apps", "daemonsets", "DaemonSet", true, DaemonSet.class, true, false, List.of("ds"), List.of("all"), ResourceType.ALL_VERBS);
        add("discovery.k8s.io", "endpointslices", "EndpointSlice", true, EndpointSlice.class, false, false, List.of(), List.of(), ResourceType.ALL_VERBS);
        add("rbac.authorization.k8s.io", "clusterroles", "ClusterRole", false, ClusterRole.class, false, false, List.of(), List.of(), ResourceType.ALL_VERBS);
        add("rbac.authorization.k8s.io", "clusterrolebindings", "ClusterRoleBinding", false, ClusterRoleBinding.class, false, false, List.of(), List.of(),
                ResourceType.ALL_VERBS);
        add("rbac.authorization.k8s.io", "roles", "Role", true, Role.class, false, false, List.of(), List.of(), ResourceType.ALL_VERBS);
        add("rbac.authorization.k8s.io", "rolebindings", "RoleBinding", true, RoleBinding.class, false, false, List.of(), List.of(), ResourceType.ALL_VERBS);
        add("apiextensions.k8s.io", "customresourcedefinitions", "CustomResourceDefinition", false, CustomResourceDefinition.class, true, false,
                List.of("crd", "crds"), List.of("api-extensions"), ResourceType.ALL_VERBS);
        add("authorization.k8s.io", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false, SelfSubjectAccessReview.class, false, false,
                List.of(), List.of(), CREATE);
        add("authorization.k8s.io", "selfsubjectrulesreviews", "SelfSubjectRulesReview", false, SelfSubjectRulesReview.class, false, false,
                List.of(), List.of(), CREATE);
        add("authentication.k8s.io", "selfsubjectreviews", "SelfSubjectReview", false, SelfSubjectReview.class, false, false, List.of(), List.of(), CREATE);
    }

    private static void add(String group, String plural, String kind, boolean namespaced, Class<?> model, boolean status, boolean scale,
            List<String> shortNames, List<String> categories, List<String> verbs) {
        ALL.add(new ResourceType(group, "v1", plural, kind, namespaced, shortNames, categories, verbs, status, scale, ModelSchemas.of(model),
                model, List.of()));
    }

    private BuiltInResources() {
    }

    public static List<ResourceType> all() {
        return List.copyOf(ALL);
    }

    /** Whether storing these is what the API does for them (reviews are answered, never stored). */
    public static boolean stored(ResourceType type) {
        return !type.verbs().equals(CREATE);
    }
}
