package dev.crossmesh.demo.auth;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * The RBAC objects one authorization decision reads: every ClusterRole and ClusterRoleBinding, and the Roles and
 * RoleBindings of the request's namespace (none for a cluster-scoped request).
 */
public record RbacObjects(List<ClusterRole> clusterRoles, List<ClusterRoleBinding> clusterRoleBindings, List<Role> roles,
        List<RoleBinding> roleBindings) {

    public RbacObjects {
        clusterRoles = List.copyOf(clusterRoles);
        clusterRoleBindings = List.copyOf(clusterRoleBindings);
        roles = List.copyOf(roles);
        roleBindings = List.copyOf(roleBindings);
    }

    public Optional<ClusterRole> clusterRole(String name) {
        return clusterRoles.stream().filter(r -> r.getMetadata() != null && name.equals(r.getMetadata().getName())).findFirst();
    }

    public Optional<Role> role(String namespace, String name) {
        return roles.stream().filter(r -> r.getMetadata() != null && name.equals(r.getMetadata().getName())
                && namespace.equals(r.getMetadata().getNamespace())).findFirst();
    }

    /** The RoleBindings of one namespace. */
    public List<RoleBinding> roleBindings(String namespace) {
        return roleBindings.stream().filter(b -> b.getMetadata() != null && namespace.equals(b.getMetadata().getNamespace())).toList();
    }
}
