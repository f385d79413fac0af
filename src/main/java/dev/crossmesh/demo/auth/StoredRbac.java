package dev.crossmesh.demo.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingList;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleList;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingList;
import io.fabric8.kubernetes.api.model.rbac.RoleList;

/** A demo cluster's RBAC objects as they stand, with the {@link BootstrapPolicy} under them. */
final class StoredRbac {
    private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1";

    private StoredRbac() {
    }

    /** What a decision about a request in the namespace ("" for cluster scope) reads, read now. */
    static RbacObjects read(StoredObjects store, String namespace) {
        List<ClusterRole> clusterRoles = overlay(BootstrapPolicy.clusterRoles(), store.list(RBAC + "/clusterroles", ClusterRoleList.class));
        List<ClusterRoleBinding> bindings = overlay(BootstrapPolicy.clusterRoleBindings(),
                store.list(RBAC + "/clusterrolebindings", ClusterRoleBindingList.class));
        List<Role> roles = namespace.isEmpty() ? List.of() : store.list(RBAC + "/namespaces/" + namespace + "/roles", RoleList.class);
        List<RoleBinding> roleBindings = namespace.isEmpty() ? List.of()
                : store.list(RBAC + "/namespaces/" + namespace + "/rolebindings", RoleBindingList.class);
        return new RbacObjects(clusterRoles, bindings, roles, roleBindings);
    }

    /** The defaults, each replaced by a stored object of its name, then the other stored objects. */
    private static <T extends HasMetadata> List<T> overlay(List<T> defaults, List<T> stored) {
        Function<T, String> name = o -> o.getMetadata() == null ? "" : o.getMetadata().getName();
        Map<String, T> byName = new LinkedHashMap<>();
        defaults.forEach(o -> byName.put(name.apply(o), o));
        stored.forEach(o -> byName.put(name.apply(o), o));
        return new ArrayList<>(byName.values());
    }
}
